import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiPeer, type ChatPeer, type PeerScript } from '../../test/support/llm/chat-peers.ts';
import { meetingTranscript } from '../../test/support/cloud/kiosk-peer.ts';
import type { BackendItem } from './backend.ts';
import { OpenAiBackend } from './openai-backend.ts';

// Real: OpenAiBackend and the shared OpenAiChatClient over real HTTP.
// Test peer: a small conforming OpenAI-compatible /v1/chat/completions server (test/support/llm),
// answering with the first sentence it was given, so what comes back depends on what was sent.
function firstSentenceOf(body: Record<string, unknown>): string {
  const user = (body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
  const text = user.split('\n\n').slice(1).join('\n\n');
  return (text.match(/^[^.!?]*[.!?]/)?.[0] ?? text).trim();
}
const echo = (body: Record<string, unknown>): PeerScript => ({ tokens: ['Summary: ', firstSentenceOf(body)] });

function item(transcript: string, key = 'k1'): BackendItem {
  return { key, kind: 'summarize', payload: { meetingId: 'm1', title: 'Weekly', transcript } };
}

describe('openai backend against a conforming OpenAI-compatible test server', () => {
  let peer: ChatPeer | null = null;
  afterEach(async () => {
    await peer?.close();
    peer = null;
  });

  it('summarizes a transcript that fits the context in one request, with measured token usage', async () => {
    peer = await startOpenAiPeer(echo);
    const backend = new OpenAiBackend({ baseUrl: peer.url, model: 'qwen2.5-7b', contextTokens: 4096 });
    const [out] = await backend.runBatch([item('We fixed the rota. Then we talked about stock.')]);
    expect(out).toMatchObject({ ok: true, text: 'Summary: We fixed the rota.', model: 'qwen2.5-7b', tokens: { measured: true } });
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]).toMatchObject({ model: 'qwen2.5-7b', stream: false });
  });

  it('map-reduces a transcript longer than the context: sentence-aligned overlapping chunks, then one combine', async () => {
    peer = await startOpenAiPeer(echo);
    const backend = new OpenAiBackend({ baseUrl: peer.url, model: 'small', contextTokens: 1024, maxSummaryTokens: 128, overlapSentences: 1 });
    const transcript = meetingTranscript(3, 150);
    expect(transcript.length).toBeGreaterThan(backend.inputBudgetChars() * 3);
    const [out] = await backend.runBatch([item(transcript)]);
    expect(out?.ok).toBe(true);
    const users = peer.requests.map((r) => (r.messages as { role: string; content: string }[])[1]!.content);
    const chunks = users.filter((u) => / \(part \d+ of \d+\)/.test(u)).map((u) => u.split('\n\n').slice(1).join('\n\n'));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(backend.inputBudgetChars());
      expect(c).toMatch(/[.!?]$/); // cut at a sentence boundary
      expect(transcript).toContain(c.slice(0, 40));
    }
    // Overlap: the last sentence of each chunk opens the next.
    for (let i = 1; i < chunks.length; i++) {
      const last = chunks[i - 1]!.match(/[^.!?]+[.!?]$/)![0].trim();
      expect(chunks[i]!.startsWith(last)).toBe(true);
    }
    const combine = users.at(-1)!;
    expect(combine).toContain('Part 1: Summary: ');
    expect(combine).toContain(`Part ${chunks.length}: `);
    expect(out).toMatchObject({ ok: true, text: 'Summary: Part 1: Summary: ' + firstSentenceOf(peer.requests[0]!) });
    expect((out as { note?: string }).note).toBe(`map-reduce over ${chunks.length} chunks`);
  });

  it('a server 500 becomes a retryable backend error naming the server', async () => {
    peer = await startOpenAiPeer(() => ({ status: 500, errorBody: JSON.stringify({ error: { message: 'CUDA out of memory' } }) }));
    const backend = new OpenAiBackend({ baseUrl: peer.url, model: 'm' });
    const [out] = await backend.runBatch([item('One. Two. Three.')]);
    expect(out).toMatchObject({ ok: false, code: 'backend', retryable: true });
    expect((out as { message: string }).message).toMatch(/HTTP 500.*CUDA out of memory/);
  });

  it('a server that does not answer in time becomes a retryable backend error', async () => {
    peer = await startOpenAiPeer(() => ({ hangMs: 3_000, tokens: ['late'] }));
    const backend = new OpenAiBackend({ baseUrl: peer.url, model: 'm', timeoutMs: 200 });
    const [out] = await backend.runBatch([item('One. Two. Three.')]);
    expect(out).toMatchObject({ ok: false, code: 'backend', retryable: true });
    expect((out as { message: string }).message).toMatch(/did not answer within 200 ms/);
  });

  it('an empty answer is a retryable error, never an empty summary; a rejected key is final', async () => {
    peer = await startOpenAiPeer(() => ({ tokens: ['  ', '\n'] }));
    const [empty] = await new OpenAiBackend({ baseUrl: peer.url, model: 'm' }).runBatch([item('One. Two. Three.')]);
    expect(empty).toMatchObject({ ok: false, retryable: true });
    expect((empty as { message: string }).message).toMatch(/empty answer/);
    await peer.close();
    peer = await startOpenAiPeer(() => ({ status: 401 }));
    const [denied] = await new OpenAiBackend({ baseUrl: peer.url, model: 'm', apiKey: 'wrong' }).runBatch([item('One. Two. Three.')]);
    expect(denied).toMatchObject({ ok: false, retryable: false });
  });

  it('a batch runs as concurrent requests, never more than the concurrency bound', async () => {
    const arrivals: number[] = [];
    peer = await startOpenAiPeer((body) => {
      arrivals.push(performance.now());
      return { hangMs: 250, ...echo(body) };
    });
    const backend = new OpenAiBackend({ baseUrl: peer.url, model: 'm', concurrency: 2 });
    const outs = await backend.runBatch(Array.from({ length: 6 }, (_, i) => item(`Item ${i} first. Then more.`, `k${i}`)));
    expect(outs.map((o) => (o as { text: string }).text)).toEqual(Array.from({ length: 6 }, (_, i) => `Summary: Item ${i} first.`));
    arrivals.sort((a, b) => a - b);
    // Two start together; the third can only start once one of them finished (250 ms later).
    expect(arrivals[1]! - arrivals[0]!).toBeLessThan(200);
    expect(arrivals[2]! - arrivals[0]!).toBeGreaterThanOrEqual(240);
  });
});
