import { useEffect, useState } from 'react';
import { useEngineEvents } from './use-engine.ts';

/** True while a staff meeting dictates, from system-status at first and `voice-questions` events after. */
export function useVoicePaused(initial: boolean | undefined): boolean {
  const [paused, setPaused] = useState(initial ?? false);
  useEffect(() => setPaused(initial ?? false), [initial]);
  useEngineEvents((e) => {
    if (e.type === 'voice-questions') setPaused(e.paused);
  });
  return paused;
}
