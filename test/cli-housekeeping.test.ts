// Real: the `voice-kiosk` bin as a child process (tsx, every stage, real models, espeak-ng), fed a WAV
// of synthesized speech. Checks what a shop owner meets: every command answers --help, and a `run`
// leaves nothing behind in the temp folder or the data folder.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../engine/app/cli/main.ts';
import { APP_ROOT } from '../engine/paths/app-root.ts';
import { composeScene } from './fixtures/synth.ts';

const BIN = path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-housekeeping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, VOICE_KIOSK_CONFIG: '', ...env }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Written here, not read from the CLI's own table: a command dropped from --help fails this test.
const COMMANDS = ['config', 'models', 'meetings', 'summaries', 'outbox', 'engine', 'ask', 'summarizer', 'transcribe', 'staff', 'wake', 'vad', 'start', 'run'];

describe('voice-kiosk --help', () => {
  it('lists every command', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    const listed = r.stdout
      .split('\n')
      .filter((l) => /^ {2}\S/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(listed.sort()).toEqual([...COMMANDS].sort());
  });

  it('start --help (the bin, as a user runs it) prints its usage and exits 0', async () => {
    const r = await cli(['start', '--help']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: voice-kiosk start .*--port N/);
  });

  it.each(COMMANDS)('%s answers --help and -h with its usage and exit 0', async (name) => {
    // In-process (the same main() the bin calls), so 28 answers do not cost 28 process start-ups.
    for (const flag of ['--help', '-h']) {
      const out: string[] = [];
      const err: string[] = [];
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => (out.push(String(c)), true));
      const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => (err.push(String(c)), true));
      let code: number;
      try {
        code = await main([name, flag]);
      } finally {
        o.mockRestore();
        e.mockRestore();
      }
      expect({ code, stderr: err.join('') }).toEqual({ code: 0, stderr: '' });
      expect(out.join('')).toMatch(new RegExp(`^usage: voice-kiosk ${name}\\b`));
    }
  });

  it('still refuses an unknown option with exit 1', async () => {
    const r = await cli(['start', '--no-such-option']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no-such-option/);
  });
});

describe('voice-kiosk run housekeeping', () => {
  it('leaves no temp folder and no spoken-reply audio unless --speech-dir asks for it', async () => {
    const scene = await composeScene([
      { silenceMs: 400 },
      { say: { text: 'hey jarvis', engine: 'espeak-ng' } },
      { silenceMs: 500 },
      { say: { text: 'where are the toilets', engine: 'espeak-ng' } },
      { silenceMs: 1200 },
    ]);
    const tmp = mkdtempSync(path.join(dir, 'tmp-'));
    const data = mkdtempSync(path.join(dir, 'data-'));
    // The scene says "hey jarvis": that (non-commercial) keyword is configured explicitly here.
    const env = { TMPDIR: tmp, VOICE_KIOSK_PATHS_DATA_DIR: data, VOICE_KIOSK_LOG_LEVEL: 'warn', VOICE_KIOSK_WAKE_KEYWORDS: '["hey_jarvis"]' };
    const r = await cli(['run', '--input', scene.path, '--json', '--db', path.join(data, 'k.db')], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"type":"speak-started"/);
    // tsx keeps its compile cache in TMPDIR/tsx-<uid> (shared, reused): that one is not ours.
    expect(readdirSync(tmp).filter((f) => !/^tsx-\d+$/.test(f))).toEqual([]);
    expect(readdirSync(data).filter((f) => !/^k\.db(-wal|-shm)?$/.test(f))).toEqual([]);

    const keep = path.join(dir, 'kept-speech');
    const kept = await cli(['run', '--input', scene.path, '--json', '--db', path.join(data, 'k.db'), '--speech-dir', keep], env);
    expect(kept.code, kept.stderr).toBe(0);
    expect(readdirSync(keep).filter((f) => f.endsWith('.wav'))).toHaveLength(1);
  }, 180_000);
});
