import type { ApiDeps } from './deps.ts';
import type { HandlerMap } from './handler-registry.ts';

/** The owner's view: what the kiosk could not answer, today's totals, the knowledge files' state. */
export function ownerHandlers({ owner }: ApiDeps): HandlerMap {
  return {
    'owner-report': () => owner.report(),
    'knowledge-status': () => owner.knowledgeStatus(),
  };
}
