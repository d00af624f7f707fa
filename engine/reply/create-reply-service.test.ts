import { describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config/load.ts';
import { createLogger } from '../log/logger.ts';
import { createLlmBackend, createReplyService } from './create-reply-service.ts';

// Real: config loading, the knowledge base, backend selection; no LLM server is contacted here.
const quiet = createLogger('test', {}, () => {});

describe('createReplyService', () => {
  it('builds each configured backend', async () => {
    const cfg = (backend: 'none' | 'ollama' | 'openai') =>
      loadConfig({ env: {}, overrides: { reply: { llm: { backend, url: 'http://127.0.0.1:9/v1' } } } });
    expect(await createLlmBackend(cfg('none'))).toBeNull();
    expect((await createLlmBackend(cfg('ollama')))?.info()).toMatchObject({
      name: 'ollama',
      model: 'qwen2.5:1.5b',
    });
    expect((await createLlmBackend(cfg('openai')))?.info()).toMatchObject({ name: 'openai' });
  });

  it('a llama-cpp model that is not there is logged and the kiosk answers by retrieval', async () => {
    const lines: string[] = [];
    const config = loadConfig({
      env: {},
      overrides: { reply: { llm: { backend: 'llama-cpp', model: 'no-such-model.gguf' } } },
    });
    const svc = await createReplyService(config, { logger: createLogger('reply', {}, (l) => lines.push(l)) });
    expect(lines.some((l) => l.includes('local LLM unavailable') && l.includes('no-such-model.gguf'))).toBe(
      true,
    );
    const r = await svc.answer({ text: 'do you take contactless payments' });
    expect(r).toMatchObject({ route: 'retrieval', sources: ['payment'] });
    expect(svc.info().note).toMatch(/no local LLM/);
    await svc.close();
  });

  it('router thresholds come from config.router', async () => {
    const config = loadConfig({ env: {}, overrides: { router: { maxLocalContextTokens: 20 } } });
    const svc = await createReplyService(config, {
      logger: quiet,
      offload: { online: () => true, enqueueAnswer: () => 'job-x' },
    });
    const r = await svc.answer({ text: 'can I get a refund without a receipt' });
    expect(r).toMatchObject({ route: 'offload', queuedJobId: 'job-x' });
    expect(r.reason).toMatch(/> 20 → offload/);
    await svc.close();
  });
});
