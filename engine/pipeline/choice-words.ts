/**
 * What a spoken reply to "Did you mean A, B or C?" picks: an index into the candidates, 'none' for
 * "no" / "neither", or null when the shopper asked something else (then it is a new question).
 * Pure, so the reducer can call it and its tests need no audio.
 */
export function resolveChoice(text: string, candidates: readonly string[]): number | 'none' | null {
  const t = ` ${text.toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
  if (candidates.length === 0 || !t.trim()) return null;
  const last = candidates.length - 1;
  // Checked before "one", which "the second one" also contains.
  const ordinals: [RegExp, number][] = [
    [/ (second|number two|two|middle) /, 1],
    [/ (third|number three|three) /, 2],
    [/ (last|final|bottom) /, last],
    [/ (first|number one|top) |^ one $/, 0],
  ];
  for (const [re, i] of ordinals) if (re.test(t) && i <= last) return i;
  if (/^ (no|nope|neither|none|none of them|no thanks|no thank you|wrong|not really) $/.test(t)) return 'none';
  if (/^ (yes|yeah|yep|yes please|correct|right|thats right|that one|exactly|sure|please) /.test(t)) return 0;
  // The shopper read a candidate out: the one sharing most of its words.
  const words = new Set(t.trim().split(' '));
  let best: { i: number; share: number } | null = null;
  candidates.forEach((c, i) => {
    const cw = c.toLowerCase().replace(/[^a-z ]+/g, ' ').split(/\s+/).filter(Boolean);
    const share = cw.filter((w) => words.has(w)).length / Math.max(1, cw.length);
    if (!best || share > best.share) best = { i, share };
  });
  const b = best as { i: number; share: number } | null;
  return b && b.share >= 0.8 ? b.i : null;
}
