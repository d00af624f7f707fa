import { useEffect, useRef } from 'react';

/**
 * Calls `onIdle` once after `ms` without a touch, click or key press while `active`. Used to log
 * staff out of a shared touchscreen they walked away from.
 */
export function useInactivity(active: boolean, ms: number, onIdle: () => void): void {
  const ref = useRef(onIdle);
  useEffect(() => {
    ref.current = onIdle;
  });
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => ref.current(), ms);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ref.current(), ms);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, poke, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, poke);
    };
  }, [active, ms]);
}
