import { loadKnowledgeDir } from './knowledge-files.ts';
import type { KnowledgeSnapshot } from './knowledge-types.ts';

/**
 * The questions and names in the knowledge base, for the ASR's kiosk-mode language model (the words
 * shoppers will actually say). Reads the given knowledge folder (the composition root passes the
 * configured one); no index is built.
 */
export function knowledgePhrases(dir: string): string[] {
  return phrasesOf(loadKnowledgeDir(dir));
}

/** Phrases of an already-loaded snapshot: example questions, section titles, keywords, holiday names. */
export function phrasesOf(snapshot: KnowledgeSnapshot): string[] {
  const out = new Set<string>();
  for (const s of snapshot.sections) {
    for (const q of s.questions) out.add(q);
    out.add(s.title);
    for (const k of s.keywords) out.add(k);
  }
  if (snapshot.hours) for (const h of snapshot.hours.holidays) out.add(h.name);
  return [...out];
}
