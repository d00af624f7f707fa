import { EngineClient } from '../../engine/app/api/client/engine-client.ts';
import { createHttpTransport } from '../../engine/app/api/client/http-transport.ts';
import { createIpcTransport, type KioskBridge } from '../../engine/app/api/client/ipc-transport.ts';

declare global {
  interface Window {
    /** Present only inside the Electron shell (electron/preload.ts). */
    kiosk?: KioskBridge;
  }
}

/** One client for the whole UI: Electron IPC inside the shell, HTTP + WebSocket in a plain browser. */
export function createEngineClient(): EngineClient {
  if (window.kiosk) return new EngineClient(createIpcTransport(window.kiosk));
  return new EngineClient(createHttpTransport({ baseUrl: new URL('.', window.location.href).href }));
}
