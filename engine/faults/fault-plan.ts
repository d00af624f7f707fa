import { EngineError } from '../errors/engine-error.ts';
import { seededRandom as numberSeeded } from '../random/seeded-random.ts';

/**
 * A parsed VOICE_KIOSK_FAULTS value: which named fault points may fire, and when. Kept pure (no
 * process access) so the schedule can be tested and replayed from a seed without killing anything.
 *
 * Grammar, entries separated by commas:
 *   name:P      fire with probability P (0..1) on every hit
 *   name:P@N    from the Nth hit of this point on, fire with probability P (`1@3` = exactly the 3rd hit)
 *   name        shorthand for name:1 (the first hit fires)
 */
export interface FaultRule {
  name: string;
  probability: number;
  fromHit: number;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Parses the VOICE_KIOSK_FAULTS grammar; a malformed entry is an error, never silently ignored. */
export function parseFaultRules(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const colon = entry.lastIndexOf(':');
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const when = colon < 0 ? '1' : entry.slice(colon + 1);
    const m = /^(\d*\.?\d+)(?:@(\d+))?$/.exec(when);
    const probability = m ? Number(m[1]) : NaN;
    const fromHit = m?.[2] ? Number(m[2]) : 1;
    if (!NAME.test(name) || !m || !(probability >= 0 && probability <= 1) || fromHit < 1) {
      throw new EngineError(
        'bad-input',
        `invalid fault rule '${entry}' in VOICE_KIOSK_FAULTS (want name:P or name:P@N)`,
        {
          stage: 'pipeline',
          detail: { rule: entry },
        },
      );
    }
    rules.push({ name, probability, fromHit });
  }
  return rules;
}

/** 32-bit FNV-1a: turns a seed string plus a point name into an independent PRNG state. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A chaos schedule reproducible from its seed string (hashed onto the shared mulberry32). */
export function seededRandom(seed: string): () => number {
  return numberSeeded(fnv1a(seed));
}

/**
 * Decides, hit by hit, whether a fault point fires. Each point draws from its own stream
 * (seed + name), so adding a call to one point never shifts another point's schedule.
 */
export class FaultPlan {
  private readonly rules = new Map<string, FaultRule & { hits: number; rand: () => number }>();

  constructor(rules: FaultRule[], seed: string) {
    for (const r of rules) this.rules.set(r.name, { ...r, hits: 0, rand: seededRandom(`${seed}/${r.name}`) });
  }

  /** True when no rule is armed: the caller can skip all bookkeeping. */
  get empty(): boolean {
    return this.rules.size === 0;
  }

  /** Counts one hit of `name` and says whether it must fire now. */
  hit(name: string): { fire: boolean; hits: number } {
    const rule = this.rules.get(name);
    if (!rule) return { fire: false, hits: 0 };
    rule.hits += 1;
    if (rule.hits < rule.fromHit) return { fire: false, hits: rule.hits };
    // Always draw, so the stream position depends only on the hit count, not on earlier outcomes.
    const draw = rule.rand();
    return { fire: draw < rule.probability, hits: rule.hits };
  }
}
