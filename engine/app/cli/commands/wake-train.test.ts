// Real: the CLI as a shipped process (bin/voice-kiosk.mjs), the shipped default keyword model and the
// installed openWakeWord feature models; speech by espeak-ng with a voice kept out of training.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../config/load.ts';
import { composeScene, type Scene } from '../../../../test/fixtures/synth.ts';
import { ensureModelsInstalled } from '../../../../test/fixtures/models.ts';

const run = promisify(execFile);
const cli = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs'), ...args],
      { cwd: APP_ROOT, env: { ...process.env, VOICE_KIOSK_CONFIG: '' }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

let scene: Scene;
beforeAll(async () => {
  await ensureModelsInstalled();
  scene = await composeScene([
    { silenceMs: 1200 },
    { say: { text: 'hey greenleaf', engine: 'espeak-ng', voice: 'en-us-nyc' } },
    { silenceMs: 1200 },
  ]);
});

describe('voice-kiosk wake with a trained model', () => {
  it('wake FILE --model DIR/x.onnx --json prints one line with the model keyword, using its own threshold', async () => {
    const { code, stdout, stderr } = await cli(
      'wake',
      scene.path,
      '--model',
      'models/wake/hey_greenleaf.onnx',
      '--json',
    );
    expect(code, stderr).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { keyword: string; score: number; atMs: number });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.keyword).toBe('hey_greenleaf');
    expect(lines[0]!.atMs - scene.spans[0]!.endMs).toBeGreaterThan(-300);
    expect(lines[0]!.atMs - scene.spans[0]!.endMs).toBeLessThanOrEqual(800);
  });

  it('with no --keyword the configured default (hey greenleaf) is used', async () => {
    const { code, stdout } = await cli('wake', scene.path, '--json');
    expect(code).toBe(0);
    expect(stdout).toContain('"keyword":"hey_greenleaf"');
  });

  it('wake train refuses a too-short or too-common phrase with the reason and exit code 1', async () => {
    const short = await cli(
      'wake',
      'train',
      '--phrase',
      'hello',
      '--out',
      path.join(APP_ROOT, '.never-written'),
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/too short: 4 phonemes, 2 syllables/);
    const common = await cli(
      'wake',
      'train',
      '--phrase',
      'thank you very much',
      '--out',
      path.join(APP_ROOT, '.never-written'),
    );
    expect(common.code).toBe(1);
    expect(common.stderr).toMatch(/too common/);
  });
});
