import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiChatClient } from './openai-client.ts';
import { EngineError } from '../errors/engine-error.ts';
import { startOpenAiPeer, type ChatPeer, type PeerScript } from '../../test/support/llm/chat-peers.ts';

// Real: OpenAiChatClient over real HTTP sockets. Test peer: a conforming OpenAI-compatible server
// (testing/chat-peers.ts) that streams SSE, applies max_tokens / stop, and answers errors like the API.
const msgs = [{ role: 'user' as const, content: 'Where is the bakery?' }];
let peer: ChatPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function client(
  script: PeerScript | ((b: Record<string, unknown>) => PeerScript),
  apiKey?: string,
): Promise<OpenAiChatClient> {
  peer = await startOpenAiPeer(typeof script === 'function' ? script : () => script);
  return new OpenAiChatClient({
    baseUrl: peer.url,
    model: 'peer-model',
    apiKey: apiKey ?? null,
    defaultTimeoutMs: 5000,
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EngineError);
    return (err as EngineError).code;
  }
  throw new Error('expected an error');
}

describe('OpenAiChatClient against a conforming OpenAI test peer', () => {
  it('streams SSE deltas in order, ends at [DONE] and reports timing', async () => {
    const c = await client({ tokens: ['The ', 'bakery ', 'is ', 'in ', 'aisle ', '1.'] });
    const seen: string[] = [];
    const out = await c.stream({ messages: msgs, onToken: (t) => seen.push(t) });
    expect(seen).toEqual(['The ', 'bakery ', 'is ', 'in ', 'aisle ', '1.']);
    expect(out.text).toBe('The bakery is in aisle 1.');
    expect(out.finishReason).toBe('stop');
    expect(out.timing.tokens).toBe(6);
    expect(out.timing.ttftMs).toBeLessThanOrEqual(out.timing.totalMs);
    expect(peer?.requests[0]?.stream).toBe(true);
  });

  it('complete() returns the whole message, model and usage', async () => {
    const c = await client({ tokens: ['Hello', ' there'] }, 'sk-test');
    const out = await c.complete({ messages: msgs });
    expect(out).toMatchObject({
      text: 'Hello there',
      model: 'peer-model',
      usage: { promptTokens: 7, completionTokens: 2 },
    });
    expect(peer?.requests[0]?.stream).toBe(false);
  });

  it('sends max_tokens and stop; the server applies them', async () => {
    const c = await client({ tokens: ['a', 'b', 'c', 'd', 'e'] });
    const out = await c.stream({ messages: msgs, maxTokens: 3 });
    expect(out.text).toBe('abc');
    expect(out.finishReason).toBe('length');
    const stopped = await c.stream({ messages: msgs, stop: ['c'] });
    expect(stopped.text).toBe('ab');
    expect(peer?.requests[1]?.stop).toEqual(['c']);
  });

  it('cancellation mid-stream ends with `cancelled` and closes the connection', async () => {
    const c = await client({ tokens: Array.from({ length: 50 }, (_, i) => `t${i} `), tokenDelayMs: 20 });
    const ac = new AbortController();
    const seen: string[] = [];
    const p = c.stream({
      messages: msgs,
      signal: ac.signal,
      onToken: (t) => {
        seen.push(t);
        if (seen.length === 3) ac.abort();
      },
    });
    expect(await codeOf(p)).toBe('cancelled');
    expect(seen.length).toBeLessThan(10);
    await new Promise((r) => setTimeout(r, 100));
    expect(peer?.clientAborts).toBe(1);
    expect(c.busy()).toBe(false);
  });

  it('a server that does not answer in time gives `timeout`', async () => {
    const c = await client({ hangMs: 2000, tokens: ['late'] });
    expect(await codeOf(c.stream({ messages: msgs, timeoutMs: 150 }))).toBe('timeout');
  });

  it('HTTP errors map to codes with the server message', async () => {
    const c = await client((b) => ({
      status: (b.messages as { content: string }[])[0]?.content === 'auth' ? 401 : 500,
    }));
    try {
      await c.stream({ messages: msgs });
      throw new Error('expected failure');
    } catch (err) {
      const data = (err as EngineError).toData();
      expect(data.code).toBe('unavailable');
      expect(data.message).toContain('HTTP 500');
      expect(data.message).toContain('scripted failure');
      expect(data.detail?.status).toBe(500);
    }
    expect(await codeOf(c.complete({ messages: [{ role: 'user', content: 'auth' }] }))).toBe('unauthorized');
  });

  it('a malformed SSE data line gives `schema`', async () => {
    const c = await client({ tokens: ['a', 'b', 'c'], garbageLine: '{not json' });
    expect(await codeOf(c.stream({ messages: msgs }))).toBe('schema');
  });

  it('a stream cut before [DONE] gives `unavailable`, not a silent partial answer', async () => {
    const c = await client({ tokens: ['a', 'b', 'c', 'd'], dieAfter: 2 });
    expect(await codeOf(c.stream({ messages: msgs }))).toBe('unavailable');
  });

  it('nothing listening gives `unavailable` naming the URL', async () => {
    const c = new OpenAiChatClient({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' });
    try {
      await c.complete({ messages: msgs, timeoutMs: 2000 });
      throw new Error('expected failure');
    } catch (err) {
      expect((err as EngineError).code).toBe('unavailable');
      expect((err as EngineError).message).toContain('127.0.0.1:9');
    }
  });
});
