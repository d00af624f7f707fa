import type { ApiDeps } from './deps.ts';
import type { HandlerMap } from './handler-registry.ts';

/** Staff calls: raising one is the shopper's (no login); seeing and answering them is staff's. */
export function staffCallHandlers({ staffCalls }: ApiDeps): HandlerMap {
  return {
    'staff-call-raise': ({ question }) => staffCalls.raise(question ?? null),
    'staff-call-list': async () => ({ calls: await staffCalls.list() }),
    'staff-call-acknowledge': ({ callId }, ctx) => staffCalls.acknowledge(callId, ctx.session?.staff ?? null),
    'staff-call-close': ({ callId }, ctx) => staffCalls.close(callId, ctx.session?.staff ?? null),
  };
}
