import { describe, expect, it } from 'vitest';
import { decideRoute, type RouteInput } from './reply-router.ts';
import { profileRequest } from './request-profile.ts';

// Real: the routing rules (pure function) and the request classifier; thresholds as in config.router.
const T = { maxLocalContextTokens: 512, maxLocalGenerationTokens: 200 };
const base: RouteInput = {
  fastIntent: null,
  promptTokens: 150,
  expectedTokens: 60,
  task: null,
  llm: 'ready',
  cloud: 'online',
};

describe('decideRoute (table over the issue 6 rules)', () => {
  it.each<[string, Partial<RouteInput>, { route: string; queue: boolean; local: string; reason: RegExp }]>([
    [
      'fast intent wins over everything',
      { fastIntent: 'hours', task: 'summarize', promptTokens: 9000 },
      { route: 'fast', queue: false, local: 'fast', reason: /fast path: hours/ },
    ],
    [
      'small request, LLM ready → local LLM',
      {},
      { route: 'local-llm', queue: false, local: 'local-llm', reason: /~150 prompt tokens.*local LLM/ },
    ],
    [
      'prompt exactly at the limit stays local',
      { promptTokens: 512 },
      { route: 'local-llm', queue: false, local: 'local-llm', reason: /small request/ },
    ],
    [
      'prompt over 512 tokens → offload',
      { promptTokens: 513 },
      { route: 'offload', queue: true, local: 'retrieval', reason: /prompt ~513 tokens > 512 → offload/ },
    ],
    [
      'expected answer over 200 tokens → offload',
      { expectedTokens: 400 },
      { route: 'offload', queue: true, local: 'retrieval', reason: /expected answer ~400 tokens > 200/ },
    ],
    [
      'expected answer exactly 200 stays local',
      { expectedTokens: 200 },
      { route: 'local-llm', queue: false, local: 'local-llm', reason: /small request/ },
    ],
    [
      'summarization → offload',
      { task: 'summarize' },
      { route: 'offload', queue: true, local: 'retrieval', reason: /summarize request → offload/ },
    ],
    [
      'translation → offload',
      { task: 'translate' },
      { route: 'offload', queue: true, local: 'retrieval', reason: /translate request/ },
    ],
    [
      'long document → offload',
      { task: 'long-document' },
      { route: 'offload', queue: true, local: 'retrieval', reason: /long-document request/ },
    ],
    [
      'heavy + cloud offline + LLM ready → local LLM now, job queued',
      { task: 'summarize', cloud: 'offline' },
      {
        route: 'local-llm',
        queue: true,
        local: 'local-llm',
        reason: /cloud unreachable → local LLM now, fuller answer queued/,
      },
    ],
    [
      'heavy + cloud offline + no LLM → retrieval now, job queued',
      { promptTokens: 900, cloud: 'offline', llm: 'missing' },
      {
        route: 'retrieval',
        queue: true,
        local: 'retrieval',
        reason: /cloud unreachable → no local LLM, retrieval answer now/,
      },
    ],
    [
      'heavy + no cloud configured → local, nothing queued',
      { task: 'translate', cloud: 'none' },
      { route: 'local-llm', queue: false, local: 'local-llm', reason: /no cloud configured/ },
    ],
    [
      'LLM busy → retrieval',
      { llm: 'busy' },
      { route: 'retrieval', queue: false, local: 'retrieval', reason: /local LLM busy, retrieval answer/ },
    ],
    [
      'LLM missing → retrieval',
      { llm: 'missing', cloud: 'none' },
      { route: 'retrieval', queue: false, local: 'retrieval', reason: /no local LLM, retrieval answer/ },
    ],
  ])('%s', (_name, input, want) => {
    const d = decideRoute({ ...base, ...input }, T);
    expect(d.route).toBe(want.route);
    expect(d.queue).toBe(want.queue);
    expect(d.local).toBe(want.local);
    expect(d.reason).toMatch(want.reason);
  });

  it('thresholds come from config, not constants', () => {
    expect(decideRoute({ ...base, promptTokens: 300 }, { ...T, maxLocalContextTokens: 256 }).route).toBe(
      'offload',
    );
    expect(decideRoute({ ...base, expectedTokens: 60 }, { ...T, maxLocalGenerationTokens: 50 }).route).toBe(
      'offload',
    );
  });
});

describe('profileRequest', () => {
  it.each<[string, string | null, number]>([
    ['where is the bread', null, 60],
    ['Can you summarise this for me', 'summarize', 60],
    ['give me a quick recap of the offers', 'summarize', 60],
    ['translate "where is the toilet" into French', 'translate', 60],
    ['how do you say bread in Polish', 'translate', 60],
    ['please read the following document and tell me what it says', 'long-document', 60],
    ['pasted text: ' + 'lorem ipsum dolor sit amet '.repeat(80), 'long-document', 60],
    ['explain in detail how your loyalty points work', null, 400],
    ['write me a poem about cheese', null, 400],
    ['give me a step-by-step recipe for lasagne', null, 400],
  ])('%s → task %s, ~%i tokens', (q, task, tokens) => {
    expect(profileRequest(q)).toEqual({ task, expectedTokens: tokens });
  });
});
