import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { APP_ROOT } from '../../engine/paths/app-root.ts';
import { SqliteJobStore } from '../store/sqlite-job-store.ts';
import { BROKER_URL, KioskPeer, meetingTranscript } from '../../test/support/cloud/kiosk-peer.ts';

const dir = mkdtempSync(join(tmpdir(), 'vk-worker-kill-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `voice-kiosk summarizer` as a child process and resolves once it printed its ready line. */
async function startWorker(args: string[]): Promise<ChildProcess & { stderrText: () => string }> {
  const child = spawn(process.execPath, [join(APP_ROOT, 'bin/voice-kiosk.mjs'), 'summarizer', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VOICE_KIOSK_LOG_LEVEL: 'warn' } });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`worker not ready in 30 s: ${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"ready":true')) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code} before ready: ${stderr}`)));
  });
  return Object.assign(child, { stderrText: () => stderr });
}

// Real: the `voice-kiosk summarizer` CLI as child processes, SIGKILL, Mosquitto, the SQLite job store.
// Test peer: KioskPeer sends ONE request and never resends, so the result can only come from the store.
it('a worker SIGKILLed after acking (claim stored, backend not yet run) loses nothing: its restart takes the job over', async () => {
  const kiosk = await KioskPeer.connect('kill');
  const db = join(dir, 'jobs.db');
  const common = ['--mqtt', BROKER_URL, '--store', `sqlite:${db}`, '--devices', kiosk.deviceId, '--group', `g${randomBytes(4).toString('hex')}`, '--lease-ms', '1500'];
  try {
    // A 60 s batch window holds the claimed job before the backend, like a kill during a long backend call.
    const first = await startWorker([...common, '--batch-window-ms', '60000']);
    await kiosk.send(kiosk.job('kill-1', meetingTranscript(11)));
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'kill-1' && r.status === 'accepted'), 15_000, 'accepted');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const peek = new SqliteJobStore(db);
    expect((await peek.get(['kill-1'])).get('kill-1')).toMatchObject({ state: 'pending', attempts: 1 });
    await peek.close();

    const second = await startWorker([...common, '--batch-window-ms', '20', '--metrics-port', '0', '--price-per-1k-tokens', '0.002']);
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'kill-1' && r.status === 'result'), 20_000, 'result after takeover');
    expect(kiosk.of('kill-1', 'result')).toHaveLength(1);

    const metricsUrl = /metrics on (http:\S+)/.exec(second.stderrText())?.[1];
    expect(metricsUrl).toBeDefined();
    const metrics = await (await fetch(metricsUrl!)).text();
    expect(metrics).toMatch(/^summarizer_results_stored_total 1$/m);
    expect(metrics).toMatch(/^summarizer_jobs_total\{outcome="taken-over"\} 1$/m);
    expect(metrics).toMatch(/^summarizer_cost_per_summary_count 1$/m);

    second.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => second.once('exit', r));
    expect(code).toBe(0);
    const check = new SqliteJobStore(db);
    const rec = (await check.get(['kill-1'])).get('kill-1');
    expect(rec).toMatchObject({ state: 'done', attempts: 2, owner: null });
    await check.close();
  } finally {
    await kiosk.close();
  }
});
