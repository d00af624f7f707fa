import type { GenerationTiming } from './types.ts';

/** Measures TTFT and tokens/s the same way for every backend, so their figures compare. */
export class TokenTimer {
  private readonly start = performance.now();
  private firstAt: number | null = null;
  private count = 0;

  /** Records one streamed piece; empty pieces (keep-alives, role deltas) do not count. */
  token(text: string): void {
    if (text.length === 0) return;
    this.count += 1;
    if (this.firstAt === null) this.firstAt = performance.now();
  }

  done(): GenerationTiming {
    const end = performance.now();
    const first = this.firstAt ?? end;
    const genSec = (end - first) / 1000;
    return {
      ttftMs: round(first - this.start),
      totalMs: round(end - this.start),
      tokens: this.count,
      tokensPerSec: this.count > 1 && genSec > 0 ? round((this.count - 1) / genSec) : 0,
    };
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
