// Real: the `voice-kiosk` binary (bin/voice-kiosk.mjs → tsx → this command), the pocketsphinx addon and
// Debian model, a WAV synthesized by flite. Spawned as a child process, as a person would run it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesize } from '../../../../test/fixtures/synth.ts';

const run = promisify(execFile);
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/voice-kiosk.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vk-transcribe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, VOICE_KIOSK_LOG_LEVEL: 'error' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('voice-kiosk transcribe', () => {
  it('prints the transcript as one JSON object', async () => {
    const wav = await synthesize({ engine: 'flite', voice: 'slt', text: 'Where is the pharmacy?' });
    const r = await cli(['transcribe', wav, '--mode', 'kiosk', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['text', 'engine', 'confidence', 'audioMs', 'decodeMs']);
    expect(out).toMatchObject({ text: 'where is the pharmacy', engine: 'pocketsphinx' });
    expect(out.audioMs).toBeGreaterThan(800);
  });

  it('falls back to pocketsphinx when moonshine is not installed, saying why on stderr', async () => {
    const wav = await synthesize({ engine: 'flite', voice: 'slt', text: 'Do you deliver?' });
    const r = await cli(['transcribe', wav, '--engine', 'moonshine', '--mode', 'kiosk', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'model moonshine-tiny not installed: run npm run models:fetch -- moonshine-tiny',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ engine: 'pocketsphinx', text: 'do you deliver' });
  });

  it('rejects a file that is not a WAV with a one-line error and exit code 1', async () => {
    const bad = path.join(tmp, 'notes.wav');
    writeFileSync(bad, 'this is not audio');
    const r = await cli(['transcribe', bad, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('notes.wav');
  });

  it('rejects unknown engines, modes and a missing file', async () => {
    const wav = path.join(tmp, 'missing.wav');
    expect((await cli(['transcribe', wav])).stderr).toContain('cannot read');
    expect((await cli(['transcribe', wav, '--engine', 'vosk'])).stderr).toContain(
      '--engine must be one of pocketsphinx, moonshine, whisper',
    );
    expect((await cli(['transcribe', wav, '--mode', 'chat'])).code).toBe(1);
    expect((await cli(['transcribe'])).stderr).toContain('usage: voice-kiosk transcribe');
  });
});
