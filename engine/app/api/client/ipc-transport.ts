import type { ApiReply, EngineApiName } from '../../../contracts/api.ts';
import type { PipelineEvent } from '../../../contracts/events.ts';
import type { EngineTransport } from './transport.ts';

/**
 * What the Electron preload exposes as `window.kiosk` (see electron/preload.ts): a dumb bridge, all
 * checks happen in the main process.
 */
export interface KioskBridge {
  call(name: EngineApiName, args: unknown, token: string | null): Promise<ApiReply<EngineApiName>>;
  onEvent(listener: (event: PipelineEvent) => void): () => void;
  onConnection(listener: (connected: boolean) => void): () => void;
  setStaffToken(token: string | null): void;
}

/** The transport over Electron IPC, used when the renderer runs inside the shell. */
export function createIpcTransport(bridge: KioskBridge): EngineTransport {
  return {
    call: (name, args, token) => bridge.call(name, args, token),
    subscribe: (listener) => bridge.onEvent(listener),
    onConnection: (listener) => bridge.onConnection(listener),
    setStaffToken: (token) => bridge.setStaffToken(token),
    close: () => undefined,
  };
}
