import { SAMPLE_KIOSK_PHRASES } from '../asr/kiosk-phrases.ts';
import { knowledgePhrases } from '../reply/knowledge/knowledge-phrases.ts';

/**
 * The phrases for the kiosk LM: the knowledge base's questions, titles and keywords
 * (`knowledgePhrases()` from the reply module), or the ASR's snapshot when the knowledge folder cannot
 * be read, so speech recognition never depends on the knowledge base being healthy. Lives in the
 * composition root because it joins two stages (asr never imports reply).
 */
export async function loadKioskPhrases(knowledgeDir: string): Promise<string[]> {
  try {
    const phrases = knowledgePhrases(knowledgeDir);
    if (phrases.length > 0) return phrases;
  } catch {
    // Unreadable or invalid knowledge base: the reply stage reports it; ASR keeps working.
  }
  return [...SAMPLE_KIOSK_PHRASES];
}
