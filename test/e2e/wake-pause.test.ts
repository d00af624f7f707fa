import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../engine/app/config/load.ts';
import { composeScene, type ScenePart } from '../fixtures/synth.ts';

// Real: `voice-kiosk run` with every stage and the shipped default wake model (hey greenleaf), fed
// espeak-ng speech with a pause between the wake word and the question. Shoppers pause after the wake
// word; the kiosk must wait for the question, not end the turn on the wake phrase's own tail.
const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-wake-pause-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  type: string;
  correlationId: string;
  [k: string]: unknown;
}

async function kioskRun(parts: ScenePart[], name: string): Promise<Line[]> {
  const scene = await composeScene(parts);
  const { stdout } = await run(
    process.execPath,
    [path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs'), 'run', '--input', scene.path, '--json', '--db', path.join(dir, `${name}.db`)],
    { cwd: dir, env: { ...process.env, VOICE_KIOSK_PATHS_DATA_DIR: dir, VOICE_KIOSK_LOG_LEVEL: 'warn' }, timeout: 120_000 },
  );
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.type !== 'reply-token' && l.type !== 'notice');
}

const wake: ScenePart = { say: { text: 'hey greenleaf', engine: 'espeak-ng' } };
// The answer as the knowledge base states it (assets/knowledge/departments.md: Dairy, Aisle 3).
const DAIRY = /dairy.*aisle 3/i;

describe('a pause between the wake word and the question (voice-kiosk run, hey greenleaf)', () => {
  for (const pauseMs of [0, 400, 900, 1500]) {
    it(`${pauseMs} ms pause: one turn, the whole question heard, the dairy answer`, async () => {
      const lines = await kioskRun(
        [{ silenceMs: 400 }, wake, { silenceMs: pauseMs }, { say: { text: 'where is the milk', engine: 'espeak-ng' } }, { silenceMs: 1200 }],
        `pause-${pauseMs}`,
      );
      expect(lines.filter((l) => l.type === 'wake')).toHaveLength(1);
      const transcripts = lines.filter((l) => l.type === 'transcript');
      expect(transcripts).toHaveLength(1);
      expect(transcripts[0]!.text).toMatch(/milk/);
      const replies = lines.filter((l) => l.type === 'reply');
      expect(replies).toHaveLength(1);
      expect(replies[0]!.text).toMatch(DAIRY);
      expect(lines.find((l) => l.type === 'idle')).toMatchObject({ reason: 'done' });
    }, 150_000);
  }

  it('the wake word and then nothing: the turn ends as no speech, no question is invented', async () => {
    const lines = await kioskRun([{ silenceMs: 400 }, wake, { silenceMs: 3000 }], 'nothing');
    expect(lines.filter((l) => l.type === 'wake')).toHaveLength(1);
    expect(lines.filter((l) => l.type === 'transcript' || l.type === 'reply')).toEqual([]);
    expect(lines.filter((l) => l.type === 'idle')).toEqual([expect.objectContaining({ reason: 'no-speech' })]);
  }, 150_000);
});
