/**
 * Sentence segmentation shared by the extractive backend (TextRank nodes) and the openai backend
 * (map-reduce chunks are cut only at these boundaries).
 */
export interface Sentence {
  text: string;
  /** Offsets into the original text, so chunks can be cut without re-joining. */
  start: number;
  end: number;
}

// A period after these is usually not a sentence end.
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'no', 'approx', 'inc', 'ltd', 'co']);

/** Splits prose or a transcript (one speaker turn per line) into sentences with their offsets. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed)) out.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      // Transcripts put one turn per line; a line break always ends a sentence.
      push(i + 1);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < text.length && /[.!?"'”’)\]]/.test(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue; // 3.5, e.g.x, URLs
    if (ch === '.') {
      const word = /([\p{L}.]+)\.$/u.exec(text.slice(Math.max(start, i - 12), i + 1))?.[1]?.toLowerCase();
      if (word && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word))) continue;
    }
    push(j);
    i = j - 1;
  }
  push(text.length);
  return out;
}

const STOPWORDS = new Set(
  ('a an and are as at be been but by can could did do does for from had has have he her him his i if in into is it its ' +
    'just me my no not of on or our she so than that the their them then there these they this to too us was we were ' +
    'what when where which who will with would you your yes yeah okay ok um uh like also about all any some very get got ' +
    "going go well really think know i'm it's that's we're don't let's there's")
    .split(/\s+/),
);

/** Content words of a sentence, lowercased, stopwords dropped, with a light plural/ing strip. */
export function contentWords(sentence: string): string[] {
  const words = sentence.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    if (STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}
