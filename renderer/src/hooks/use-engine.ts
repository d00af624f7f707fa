import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { EngineClient } from '../../../engine/app/api/client/engine-client.ts';
import type { SystemStatus } from '../../../engine/contracts/api.ts';
import type { PipelineEvent } from '../../../engine/contracts/events.ts';

export const EngineContext = createContext<EngineClient | null>(null);

/** The engine client of the running app. */
export function useEngine(): EngineClient {
  const client = useContext(EngineContext);
  if (!client) throw new Error('useEngine outside <EngineContext.Provider>');
  return client;
}

/** Calls `handler` for every pipeline event while the component is mounted (latest handler wins). */
export function useEngineEvents(handler: (event: PipelineEvent) => void): void {
  const client = useEngine();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => client.subscribe((e) => ref.current(e)), [client]);
}

/** Notice codes the engine sends when the microphone starts, stops or resumes delivering audio. */
const MIC_NOTICES: ReadonlySet<string> = new Set(['microphone-ready', 'no-microphone', 'microphone-restored']);

export interface Connectivity {
  /** The UI's own link to the engine (WebSocket or IPC). */
  engineConnected: boolean;
  online: boolean;
  queued: number;
  status: SystemStatus | null;
}

/** System status plus live connectivity events, refreshed whenever the event stream reconnects. */
export function useConnectivity(): Connectivity {
  const client = useEngine();
  const [state, setState] = useState<Connectivity>({ engineConnected: false, online: false, queued: 0, status: null });
  useEffect(() => {
    let alive = true;
    // Requests go over separate HTTP connections and may be answered out of order: the status read
    // before the microphone came up must not overwrite the one read after it.
    let asked = 0;
    const refresh = () => {
      const mine = ++asked;
      return client.request('system-status', {}).then((r) => {
        if (alive && r.ok && mine === asked) setState((s) => ({ ...s, status: r.value, online: r.value.online, queued: r.value.queued }));
      });
    };
    const offConn = client.onConnection((c) => {
      setState((s) => ({ ...s, engineConnected: c }));
      if (c) void refresh();
    });
    const offEvents = client.subscribe((e) => {
      if (e.type === 'connectivity') setState((s) => ({ ...s, online: e.online, queued: e.queued }));
      // The microphone went away or came back: re-read micAvailable so the talk panel follows it.
      if (e.type === 'notice' && MIC_NOTICES.has(e.code)) void refresh();
    });
    void refresh();
    // Staff switched the wake word (WakeWordPanel): the shopper headline must show the new phrase.
    const onWake = () => void refresh();
    window.addEventListener('voice-kiosk:wake-changed', onWake);
    return () => {
      alive = false;
      offConn();
      offEvents();
      window.removeEventListener('voice-kiosk:wake-changed', onWake);
    };
  }, [client]);
  return state;
}
