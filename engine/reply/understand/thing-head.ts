import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { KnowledgeSection } from '../knowledge/knowledge-types.ts';
import { queryGroups, queryTerms } from '../knowledge/query-terms.ts';

/**
 * Whether a section names a one-word thing only as the describing word of another thing: "a passport"
 * where the key-cutting section lists "passport photo", "shoes" where it lists "shoe repair". English
 * puts the thing last, so that section offers photos and repairs, not passports or shoes. Judged on the
 * section's title and keywords (the names staff gave it, each part of "X and Y" apart); a section that
 * names the thing on its own, or last in a name ("guide dog" for "dog"), or with the thing that follows
 * it in the question too ("my shoes repaired"), or not at all there, is not ruled out by this. An aisle
 * is named for what it sells ("Baby care" has baby things), so aisles are never ruled out.
 */
export function onlyDescribes(kb: KnowledgeBase, section: KnowledgeSection, thing: string, request: string): boolean {
  const groups = queryGroups(thing);
  if (groups.length !== 1 || kb.data.departments.some((d) => d.id === section.id)) return false;
  const forms = new Set(groups[0]!.flatMap((w) => [w, singular(w)]));
  const asked = new Set(queryTerms(request).map(stem));
  let describes = false;
  for (const name of [section.title, ...section.keywords].flatMap((n) => n.split(/,|&|\band\b/i))) {
    const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(singular);
    const at = words.findIndex((w) => forms.has(w));
    if (at < 0) continue;
    if (at === words.length - 1 || asked.has(stem(words[at + 1]!))) return false;
    describes = true;
  }
  return describes;
}

function stem(w: string): string {
  return w.slice(0, 5);
}

function singular(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}
