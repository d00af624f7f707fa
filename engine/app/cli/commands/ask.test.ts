import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../config/load.ts';
import { startOllamaPeer, type ChatPeer } from '../../../../test/support/llm/chat-peers.ts';

// Real: the `voice-kiosk ask` command run as a child process (bin/voice-kiosk.mjs → tsx), the sample
// knowledge base and, in the LLM case, the Ollama client. Test peer: a conforming Ollama server.
const run = promisify(execFile);
const BIN = path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs');
let peer: ChatPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function ask(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'ask', ...args], {
      cwd: APP_ROOT,
      env: { ...process.env, VOICE_KIOSK_LOG_LEVEL: 'error' },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('voice-kiosk ask', () => {
  it('--json prints one line with route, reason, answer, sources and timings', async () => {
    const { code, stdout } = await ask([
      'Are you open tomorrow?',
      '--json',
      '--llm',
      'none',
      '--at',
      '2026-11-23T15:42:00Z',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      route: 'fast',
      reason: 'fast path: hours',
      answer: 'Tomorrow we are open from 8 am to 9 pm.',
      sources: ['hours'],
    });
    expect(typeof out.ttftMs).toBe('number');
    expect(typeof out.totalMs).toBe('number');
  });

  it('answers from retrieval and says when it does not know', async () => {
    const known = JSON.parse((await ask(['is there free wifi', '--json', '--llm', 'none'])).stdout) as {
      route: string;
      sources: string[];
    };
    expect(known).toMatchObject({ route: 'retrieval', sources: ['wifi'] });
    const unknown = JSON.parse(
      (await ask(['who won the football last night', '--json', '--llm', 'none'])).stdout,
    ) as { answer: string; sources: string[] };
    expect(unknown.answer).toMatch(/don't know/);
    expect(unknown.sources).toEqual([]);
  });

  it('uses the configured local LLM (--llm ollama) and streams to stdout without --json', async () => {
    peer = await startOllamaPeer(() => ({ tokens: ['Cash, ', 'cards ', 'and ', 'contactless.'] }));
    const { code, stdout } = await ask([
      'what payment methods do you accept',
      '--llm',
      'ollama',
      '--llm-url',
      peer.url,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Cash, cards and contactless\.\n\[local-llm\] .*sources: payment/);
  });

  it('bad input exits non-zero with a one-line error', async () => {
    const none = await ask([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^voice-kiosk ask: no question given/);
    const bad = await ask(['hi', '--llm', 'gpt-9000']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown --llm 'gpt-9000'/);
  });
});
