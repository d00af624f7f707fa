import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../config/load.ts';
import { openDatabase } from '../../../store/database.ts';
import { ConversationRepository } from '../../../store/conversation-repository.ts';
import { composeScene } from '../../../../test/fixtures/synth.ts';

// Real: the `voice-kiosk run` process with every stage, fed a WAV of synthesized speech (espeak-ng).
const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) =>
  run(process.execPath, [path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs'), ...args], {
    cwd: dir,
    env: { ...process.env, VOICE_KIOSK_PATHS_DATA_DIR: dir, VOICE_KIOSK_LOG_LEVEL: 'warn', VOICE_KIOSK_WAKE_KEYWORDS: '["hey_jarvis"]' },
    timeout: 120_000,
  });

describe('voice-kiosk run', () => {
  it('prints the interaction as JSON lines with stage timings and stores it like a live one', async () => {
    const scene = await composeScene([
      { silenceMs: 400 },
      { say: { text: 'hey jarvis', engine: 'espeak-ng' } },
      { silenceMs: 500 },
      { say: { text: 'where are the toilets', engine: 'espeak-ng' } },
      { silenceMs: 1200 },
    ]);
    const db = path.join(dir, 'run.db');
    const { stdout } = await cli(['run', '--input', scene.path, '--json', '--db', db]);
    const lines = stdout
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { type: string; atMs?: number; correlationId: string; [k: string]: unknown },
      );
    const types = lines.map((l) => l.type).filter((t) => t !== 'notice' && t !== 'reply-token');
    expect(types).toEqual([
      'wake',
      'listening',
      'voice-started',
      'voice-stopped',
      'transcript',
      'route',
      'reply',
      'speak-started',
      'speak-stopped',
      'idle',
      'timing',
    ]);
    for (const l of lines.filter((x) => x.type !== 'notice' && x.type !== 'timing'))
      expect(typeof l.atMs).toBe('number');
    const id = lines[0]!.correlationId;
    expect(new Set(lines.filter((l) => l.type !== 'notice').map((l) => l.correlationId))).toEqual(
      new Set([id]),
    );
    const timing = lines.at(-1)!.stages as Record<string, number>;
    for (const k of [
      'asrMs',
      'replyFirstTextMs',
      'ttsFirstAudioMs',
      'endOfSpeechToFirstTextMs',
      'endOfSpeechToFirstAudioMs',
    ])
      expect(timing[k]).toBeGreaterThanOrEqual(0);
    const reply = lines.find((l) => l.type === 'reply')!;
    const conn = openDatabase(db, { readonly: true });
    try {
      const rows = new ConversationRepository(conn).byCorrelation(id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ reply: reply.text, route: reply.route, asrEngine: 'pocketsphinx' });
    } finally {
      conn.close();
    }
  }, 150_000);

  it('a missing file is a one-line not-found error, before any model loads', async () => {
    const err = await cli(['run', '--input', path.join(dir, 'nope.wav'), '--json']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr.trim()).toMatch(
      /^voice-kiosk run: .*nope\.wav: cannot read \(ENOENT\)$/,
    );
  });
});
