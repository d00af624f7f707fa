import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireExclusiveLock } from './exclusive-lock.ts';

// Real: SQLite file locks between this process and a second node process (tsx), and a kill -9.
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HERE = path.dirname(new URL(import.meta.url).pathname);

/** Runs a second process that tries the lock; resolves with what it printed. */
function tryInChild(
  file: string,
  hold = false,
): { out: Promise<string>; kill: () => void; ready: Promise<void> } {
  const code = `import { acquireExclusiveLock } from ${JSON.stringify(path.join(HERE, 'exclusive-lock.ts'))};
try { acquireExclusiveLock(${JSON.stringify(file)}, 'child'); console.log('acquired'); ${hold ? 'setInterval(() => {}, 1000);' : ''} }
catch (e) { console.log(e.code + ': ' + e.message); }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('acquired')) onReady();
  });
  return {
    out: new Promise((r) => child.once('exit', () => r(out.trim()))),
    kill: () => child.kill('SIGKILL'),
    ready,
  };
}

describe('acquireExclusiveLock', () => {
  it('refuses a second process while held, naming the holder; free again after release', async () => {
    const file = path.join(dir, 'a.lock');
    const lock = acquireExclusiveLock(file, 'relay for kiosk-1');
    expect(await tryInChild(file).out).toMatch(
      new RegExp(
        `^locked: cannot start child: relay for kiosk-1 \\(pid ${process.pid}, since .*\\) already holds`,
      ),
    );
    lock.release();
    expect(await tryInChild(file).out).toBe('acquired');
  });

  it('a holder killed with SIGKILL leaves no stale lock', async () => {
    const file = path.join(dir, 'b.lock');
    const holder = tryInChild(file, true);
    await holder.ready;
    expect(() => acquireExclusiveLock(file, 'me')).toThrow(/child \(pid \d+, since .*\) already holds/);
    holder.kill();
    await holder.out;
    const lock = acquireExclusiveLock(file, 'me');
    lock.release();
  });
});
