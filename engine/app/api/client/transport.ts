import type { ApiReply, EngineApiName } from '../../../contracts/api.ts';
import type { PipelineEvent } from '../../../contracts/events.ts';

/**
 * How an EngineClient reaches the engine. Browser-safe (no node: imports), because the renderer
 * uses the HTTP one and the Electron preload bridge wraps the IPC one.
 */
export interface EngineTransport {
  /** Never rejects: transport failures come back as `{ ok: false, error: { code: 'unavailable' } }`. */
  call(name: EngineApiName, args: unknown, token: string | null): Promise<ApiReply<EngineApiName>>;
  subscribe(listener: (event: PipelineEvent) => void): () => void;
  /** Reports whether the event stream is connected (true/false on each change). */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** Tells the event stream which staff session (if any) this client has, for staff-only events. */
  setStaffToken(token: string | null): void;
  close(): void;
}
