import { afterEach, describe, expect, it } from 'vitest';
import { OllamaChatClient } from './ollama-client.ts';
import { EngineError } from '../errors/engine-error.ts';
import { startOllamaPeer, type ChatPeer, type PeerScript } from '../../test/support/llm/chat-peers.ts';

// Real: OllamaChatClient over real HTTP sockets. Test peer: a conforming Ollama `/api/chat` server
// (testing/chat-peers.ts) streaming NDJSON, honouring options.num_predict / options.stop.
const msgs = [{ role: 'user' as const, content: 'When do you open?' }];
let peer: ChatPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function client(script: PeerScript): Promise<OllamaChatClient> {
  peer = await startOllamaPeer(() => script);
  return new OllamaChatClient({
    baseUrl: peer.url,
    model: 'qwen2.5:1.5b',
    defaultTimeoutMs: 5000,
    numCtx: 2048,
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

describe('OllamaChatClient against a conforming Ollama test peer', () => {
  it('streams NDJSON pieces until done:true with usage and timing', async () => {
    const c = await client({ tokens: ['We ', 'open ', 'at ', '8.'] });
    const seen: string[] = [];
    const out = await c.stream({
      messages: msgs,
      maxTokens: 50,
      stop: ['\n\n'],
      onToken: (t) => seen.push(t),
    });
    expect(seen.join('')).toBe('We open at 8.');
    expect(out).toMatchObject({
      text: 'We open at 8.',
      finishReason: 'stop',
      usage: { promptTokens: 7, completionTokens: 4 },
    });
    expect(out.timing.tokens).toBe(4);
    expect(peer?.requests[0]).toMatchObject({
      model: 'qwen2.5:1.5b',
      stream: true,
      options: { num_predict: 50, stop: ['\n\n'], num_ctx: 2048 },
    });
  });

  it('num_predict limits the answer (done_reason length)', async () => {
    const c = await client({ tokens: ['a', 'b', 'c', 'd'] });
    const out = await c.stream({ messages: msgs, maxTokens: 2 });
    expect(out.text).toBe('ab');
    expect(out.finishReason).toBe('length');
  });

  it('cancellation mid-stream gives `cancelled` and the server sees the disconnect', async () => {
    const c = await client({ tokens: Array.from({ length: 40 }, () => 'x'), tokenDelayMs: 20 });
    const ac = new AbortController();
    let n = 0;
    expect(
      await codeOf(
        c.stream({
          messages: msgs,
          signal: ac.signal,
          onToken: () => {
            if (++n === 2) ac.abort();
          },
        }),
      ),
    ).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 100));
    expect(peer?.clientAborts).toBe(1);
  });

  it('timeouts, HTTP errors, malformed lines and cut streams are clear errors', async () => {
    let c = await client({ hangMs: 1500 });
    expect(await codeOf(c.stream({ messages: msgs, timeoutMs: 100 }))).toBe('timeout');
    await peer?.close();
    c = await client({ status: 404, errorBody: JSON.stringify({ error: "model 'qwen2.5:1.5b' not found" }) });
    const notFound = await c.stream({ messages: msgs }).catch((e: unknown) => e);
    expect((notFound as EngineError).code).toBe('not-found');
    expect((notFound as EngineError).message).toContain("model 'qwen2.5:1.5b' not found");
    await peer?.close();
    c = await client({ tokens: ['a', 'b', 'c'], garbageLine: '<html>oops' });
    expect(await codeOf(c.stream({ messages: msgs }))).toBe('schema');
    await peer?.close();
    c = await client({ tokens: ['a', 'b', 'c'], dieAfter: 1 });
    expect(await codeOf(c.stream({ messages: msgs }))).toBe('unavailable');
  });
});
