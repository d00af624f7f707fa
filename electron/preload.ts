import type { ApiReply, EngineApiName } from '../engine/contracts/api.ts';
import type { PipelineEvent } from '../engine/contracts/events.ts';
import type { KioskBridge } from '../engine/app/api/client/ipc-transport.ts';
import type { ElectronPreload } from './electron-subset.ts';
import { IPC_CHANNELS } from './ipc-channels.ts';

/**
 * The sandboxed preload: a dumb bridge exposing exactly KioskBridge as `window.kiosk`. It never
 * hands ipcRenderer itself to the page; the main process validates every message.
 * Bundled to electron/dist/preload.cjs by `npm run build:electron` (sandboxed preloads cannot import).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contextBridge, ipcRenderer } = require('electron') as ElectronPreload;

function listen<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_e: unknown, payload: unknown) => listener(payload as T);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

const bridge = {
  call: (name: EngineApiName, args: unknown, token: string | null) =>
    ipcRenderer.invoke(IPC_CHANNELS.call, { name, args, token }) as Promise<ApiReply<EngineApiName>>,
  onEvent: (listener: (event: PipelineEvent) => void) => listen(IPC_CHANNELS.onEvent, listener),
  onConnection: (listener: (connected: boolean) => void) => listen(IPC_CHANNELS.onConnection, listener),
  setStaffToken: (token: string | null) => ipcRenderer.send(IPC_CHANNELS.setStaffToken, { token }),
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kiosk', bridge);
