// Real: the `voice-kiosk` bin run as a child process (tsx, no build), real models, real synthesized audio.
// Test peer (only for `wake --mic`): a stand-in `arecord` script first on PATH that streams a real
// synthesized WAV as raw PCM through sox, because this machine has no sound card.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeScene, type Scene } from './fixtures/synth.ts';
import { ensureModelsInstalled } from './fixtures/models.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'voice-kiosk.mjs');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWithEnv({}, ...args);
}

function cliWithEnv(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...process.env, VOICE_KIOSK_CONFIG: '', ...env } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let dir: string;
let scene: Scene;
beforeAll(async () => {
  await ensureModelsInstalled();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vk-cli-'));
  scene = await composeScene([
    { silenceMs: 1000 },
    { say: { text: 'hey jarvis', engine: 'flite', voice: 'slt' } },
    { silenceMs: 300 },
    { say: { text: 'where is the bread', engine: 'flite', voice: 'slt' } },
    { silenceMs: 1200 },
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('voice-kiosk CLI (wake, vad, models)', () => {
  it('wake FILE --json prints one JSON line per detection', async () => {
    const { code, stdout } = await cli('wake', scene.path, '--keyword', 'hey_jarvis', '--json');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { keyword: string; score: number; atMs: number });
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]!).sort()).toEqual(['atMs', 'keyword', 'score']);
    expect(lines[0]!.keyword).toBe('hey_jarvis');
    expect(Math.abs(lines[0]!.atMs - scene.spans[0]!.endMs)).toBeLessThanOrEqual(300);
  });

  it('wake with --keyword alexa and --threshold finds nothing in a "hey jarvis" file', async () => {
    const { code, stdout } = await cli(
      'wake',
      scene.path,
      '--keyword',
      'alexa',
      '--threshold',
      '0.6',
      '--json',
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('vad FILE --json prints one {startMs, endMs} line per segment', async () => {
    const { code, stdout } = await cli('vad', scene.path, '--json');
    expect(code).toBe(0);
    const segs = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { startMs: number; endMs: number });
    // "hey jarvis" and the question are 300 ms apart (< 500 ms trailing silence): one utterance.
    expect(segs).toHaveLength(1);
    expect(Math.abs(segs[0]!.startMs - scene.spans[0]!.startMs)).toBeLessThanOrEqual(150);
    expect(Math.abs(segs[0]!.endMs - scene.spans[1]!.endMs)).toBeLessThanOrEqual(150);
  });

  it('bad input exits non-zero with one line on stderr naming the file', async () => {
    const junk = path.join(dir, 'junk.wav');
    await writeFile(junk, 'not audio');
    for (const args of [
      ['wake', junk, '--json'],
      ['vad', junk, '--json'],
      ['vad', path.join(dir, 'missing.wav')],
    ]) {
      const { code, stdout, stderr } = await cli(...args);
      expect(code, args.join(' ')).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(args[1]);
    }
    const badKeyword = await cli('wake', scene.path, '--keyword', 'hey_computer');
    expect(badKeyword.code).toBe(1);
    expect(badKeyword.stderr).toMatch(/unknown wake keyword 'hey_computer'/);
  });

  it('wake --mic --json listens to the recorder and prints the detection', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    await writeFile(
      path.join(bin, 'arecord'),
      `#!/bin/sh\nexec sox "${scene.path}" -t raw -r 16000 -c 1 -b 16 -e signed-integer -\n`,
    );
    await chmod(path.join(bin, 'arecord'), 0o755);
    const { code, stdout, stderr } = await cliWithEnv(
      { PATH: `${bin}${path.delimiter}${process.env.PATH}` },
      'wake',
      '--mic',
      '--keyword',
      'hey_jarvis',
      '--json',
    );
    expect(code, stderr).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { keyword: string; atMs: number });
    expect(lines.map((l) => l.keyword)).toEqual(['hey_jarvis']);
    expect(Math.abs(lines[0]!.atMs - scene.spans[0]!.endMs)).toBeLessThanOrEqual(300);
  });

  it('models list --json shows every manifest model installed and verified', async () => {
    const { code, stdout } = await cli('models', 'list', '--json');
    expect(code).toBe(0);
    const models = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; verified: boolean; stage: string });
    const ours = models.filter((m) => m.stage === 'wake' || m.stage === 'vad');
    expect(ours.map((m) => m.id).sort()).toEqual([
      'alexa',
      'hey_jarvis',
      'hey_mycroft',
      'hey_rhasspy',
      'oww_embedding',
      'oww_melspectrogram',
      'silero_vad',
    ]);
    expect(ours.every((m) => m.verified)).toBe(true);
  });
});
