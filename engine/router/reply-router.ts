import type { Route } from '../contracts/events.ts';
import type { HeavyTask } from './request-profile.ts';

export interface RouterThresholds {
  maxLocalContextTokens: number;
  maxLocalGenerationTokens: number;
}

/** Everything the decision depends on, measured before any model runs. */
export interface RouteInput {
  /** The fast path recognised the question (intent name), or null. */
  fastIntent: string | null;
  promptTokens: number;
  expectedTokens: number;
  task: HeavyTask | null;
  llm: 'ready' | 'busy' | 'missing';
  /** none = this kiosk has no offload client at all (e.g. the bare CLI). */
  cloud: 'online' | 'offline' | 'none';
}

export interface RouteDecision {
  route: Route;
  reason: string;
  /** Queue a cloud `answer` job (the route may still be local when the cloud is unreachable). */
  queue: boolean;
  /** How to answer right now. */
  local: 'fast' | 'local-llm' | 'retrieval';
}

/**
 * The routing rules of issue 6 as one pure function, so they are table-testable: fast path first; heavy
 * requests (big prompt, long answer, summarize / translate / long document) to the cloud — or, when it
 * is unreachable, a local answer now and the job queued; otherwise the local LLM if it is free, else
 * the retrieval answer.
 */
export function decideRoute(input: RouteInput, t: RouterThresholds): RouteDecision {
  if (input.fastIntent)
    return { route: 'fast', reason: `fast path: ${input.fastIntent}`, queue: false, local: 'fast' };
  const heavy = heavyReason(input, t);
  const localMode = input.llm === 'ready' ? 'local-llm' : 'retrieval';
  const localWhy =
    input.llm === 'ready'
      ? 'local LLM'
      : input.llm === 'busy'
        ? 'local LLM busy, retrieval answer'
        : 'no local LLM, retrieval answer';
  if (heavy) {
    if (input.cloud === 'online')
      return { route: 'offload', reason: `${heavy} → offload to the cloud`, queue: true, local: 'retrieval' };
    if (input.cloud === 'offline') {
      return {
        route: localMode,
        reason: `${heavy}, cloud unreachable → ${localWhy} now, fuller answer queued`,
        queue: true,
        local: localMode,
      };
    }
    return {
      route: localMode,
      reason: `${heavy}, no cloud configured → ${localWhy}`,
      queue: false,
      local: localMode,
    };
  }
  return {
    route: localMode,
    reason: `small request (~${input.promptTokens} prompt tokens) → ${localWhy}`,
    queue: false,
    local: localMode,
  };
}

function heavyReason(input: RouteInput, t: RouterThresholds): string | null {
  if (input.task) return `${input.task} request`;
  if (input.promptTokens > t.maxLocalContextTokens)
    return `prompt ~${input.promptTokens} tokens > ${t.maxLocalContextTokens}`;
  if (input.expectedTokens > t.maxLocalGenerationTokens)
    return `expected answer ~${input.expectedTokens} tokens > ${t.maxLocalGenerationTokens}`;
  return null;
}
