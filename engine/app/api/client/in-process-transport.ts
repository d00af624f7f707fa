import type { ApiReply, EngineApiName } from '../../../contracts/api.ts';
import type { PipelineEvent } from '../../../contracts/events.ts';
import type { EventBus } from '../../../pipeline/event-bus.ts';
import { visibleTo } from '../event-stream.ts';
import type { ApiHandlers } from '../handler-registry.ts';
import type { EngineTransport } from './transport.ts';

/** The transport for tests and the CLI: the same dispatcher and the same staff filter, no sockets. */
export function createInProcessTransport(handlers: ApiHandlers, bus: EventBus): EngineTransport {
  let token: string | null = null;
  const unsubs = new Set<() => void>();
  return {
    call: (name: EngineApiName, args: unknown, tok: string | null): Promise<ApiReply<EngineApiName>> =>
      handlers.dispatch(name, structuredClone(args), tok),
    subscribe(listener: (e: PipelineEvent) => void) {
      const off = bus.subscribe((e) => {
        if (visibleTo(e, handlers.auth.verify(token) !== null)) listener(structuredClone(e));
      });
      unsubs.add(off);
      return () => {
        off();
        unsubs.delete(off);
      };
    },
    onConnection(listener) {
      listener(true);
      return () => undefined;
    },
    setStaffToken(tok) {
      token = tok;
    },
    close() {
      for (const off of unsubs) off();
      unsubs.clear();
    },
  };
}
