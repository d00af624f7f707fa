import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/engine-error.ts';
import { resolvePath } from '../../paths/app-root.ts';
import { createLogger } from '../../log/logger.ts';
import { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { ReplyService } from '../reply-service.ts';
import { LlamaCppBackend } from './llama-cpp-backend.ts';
import { writeTinyLlamaGguf } from '../../../test/support/llm/tiny-gguf.ts';

// Real: node-llama-cpp's prebuilt CPU binary loading and running a GGUF file through LlamaCppBackend.
// Test input: the GGUF is a tiny llama-architecture model with random weights written by the test
// (testing/tiny-gguf.ts) — no real weights can be downloaded here — so its text is gibberish.
const installed = await import('node-llama-cpp').then(
  () => true,
  () => false,
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-gguf-'));
const modelPath = path.join(dir, 'tiny-llama.gguf');
let backend: LlamaCppBackend;
const msgs = [
  { role: 'system' as const, content: 'Answer briefly.' },
  { role: 'user' as const, content: 'Where is the bread?' },
];

describe.runIf(installed)('LlamaCppBackend with node-llama-cpp and a generated GGUF', () => {
  beforeAll(async () => {
    writeTinyLlamaGguf(modelPath, { contextLength: 2048 });
    backend = await LlamaCppBackend.load({ modelPath, contextSize: 2048, threads: 2 });
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the GGUF and streams generated tokens with timing', async () => {
    const pieces: string[] = [];
    const out = await backend.stream({ messages: msgs, maxTokens: 8, onToken: (t) => pieces.push(t) });
    expect(pieces.length).toBeGreaterThan(0);
    expect(out.text).toBe(pieces.join(''));
    expect(out.finishReason).toBe('length');
    expect(out.timing.tokens).toBe(pieces.filter((p) => p.length > 0).length);
    expect(out.timing.ttftMs).toBeGreaterThan(0);
    expect(backend.info()).toMatchObject({ name: 'llama-cpp', model: 'tiny-llama.gguf', ready: true });
    expect(backend.busy()).toBe(false);
  });

  it('cancellation mid-generation ends with `cancelled` and frees the backend', async () => {
    const ac = new AbortController();
    let n = 0;
    const p = backend.stream({
      messages: msgs,
      maxTokens: 64,
      signal: ac.signal,
      onToken: () => {
        if (++n === 2) ac.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(n).toBeLessThan(10);
    expect(backend.busy()).toBe(false);
    // …and the next request still works.
    const again = await backend.stream({ messages: msgs, maxTokens: 3 });
    expect(again.timing.tokens).toBeGreaterThan(0);
  });

  it('a deadline shorter than the generation gives `timeout`', async () => {
    await expect(backend.stream({ messages: msgs, maxTokens: 400, timeoutMs: 150 })).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('answers through ReplyService as the local LLM (route local-llm, passages cited)', async () => {
    const kb = KnowledgeBase.open(resolvePath('assets/knowledge'));
    const svc = new ReplyService({
      kb,
      llm: backend,
      router: { maxLocalContextTokens: 512, maxLocalGenerationTokens: 200 },
      llmLimits: { maxTokens: 6, timeoutMs: 30_000 },
      logger: createLogger('test', {}, () => {}),
    });
    const pieces: string[] = [];
    const r = await svc.answer({
      text: 'can I get a refund without a receipt',
      onToken: (t) => pieces.push(t),
    });
    expect(r.reason).not.toMatch(/LLM failed/);
    expect(r.route).toBe('local-llm');
    expect(r.sources[0]).toBe('returns');
    expect(pieces.join('').trim()).toBe(r.answer);
    kb.close();
  });

  it('a second request while one runs is refused as busy', async () => {
    const first = backend.stream({ messages: msgs, maxTokens: 6 });
    expect(backend.busy()).toBe(true);
    await expect(backend.stream({ messages: msgs, maxTokens: 2 })).rejects.toMatchObject({
      code: 'unavailable',
    });
    await first;
  });
});

describe('LlamaCppBackend.load errors', () => {
  it('a missing GGUF file is `model-missing` naming the file', async () => {
    const missing = path.join(os.tmpdir(), 'vk-no-such-model.gguf');
    const err = await LlamaCppBackend.load({ modelPath: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('model-missing');
    expect((err as EngineError).message).toContain(missing);
  });
});
