import { createContext, createElement, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { KnowledgeInfo } from '../../../engine/contracts/api.ts';
import { useEngine } from './use-engine.ts';

/** What the screens show about this shop: its name, the locale for dates, titles for answer sources. */
export interface KioskInfo {
  shopName: string | null;
  /** BCP 47 tag from the engine (config device.locale); the browser's own until it answers. */
  locale: string | undefined;
  titles: ReadonlyMap<string, string>;
}

const KioskInfoContext = createContext<KioskInfo>({ shopName: null, locale: undefined, titles: new Map() });

/** The kiosk info of the running app (from knowledge-info and system-status). */
export function useKioskInfo(): KioskInfo {
  return useContext(KioskInfoContext);
}

/**
 * Loads knowledge-info and the locale whenever the engine link (re)connects, sets the page's language
 * and title from them, and gives every screen the same values.
 */
export function KioskInfoProvider({ children }: { children: ReactNode }) {
  const client = useEngine();
  const [knowledge, setKnowledge] = useState<KnowledgeInfo | null>(null);
  const [locale, setLocale] = useState<string | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const load = () => {
      void client.request('knowledge-info', {}).then((r) => {
        if (alive && r.ok) setKnowledge(r.value);
      });
      void client.request('system-status', {}).then((r) => {
        if (alive && r.ok && r.value.locale) setLocale(r.value.locale);
      });
    };
    const off = client.onConnection((c) => c && load());
    load();
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  const info = useMemo<KioskInfo>(
    () => ({ shopName: knowledge?.shopName ?? null, locale, titles: new Map((knowledge?.sections ?? []).map((s) => [s.id, s.title])) }),
    [knowledge, locale],
  );
  useEffect(() => {
    if (locale) document.documentElement.lang = locale;
    document.title = info.shopName ?? 'Shop assistant';
  }, [locale, info.shopName]);
  return createElement(KioskInfoContext.Provider, { value: info }, children);
}

/** "dairy" → "Dairy", via the knowledge base's titles; an id with no title is shown as it is. */
export function sourceTitles(ids: readonly string[], titles: ReadonlyMap<string, string>): string[] {
  return [...new Set(ids.map((id) => titles.get(id) ?? id))];
}
