/**
 * What the shell does when the kiosk window's renderer dies. Reloading at once, every time, turns a
 * renderer that crashes on load (a bad build, a GPU fault, memory pressure) into a tight crash loop
 * that burns the CPU and never shows anything useful. So: reload after a doubling delay, at most
 * `maxRestarts` times within `windowMs`, then stop and show a static error page that tells staff
 * what happened. Pure (clock injected) so the policy is tested without Electron.
 */
export interface RendererRecoveryOptions {
  maxRestarts?: number;
  windowMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

export type RecoveryDecision =
  { action: 'reload'; delayMs: number; attempt: number } | { action: 'error-page'; crashes: number };

export class RendererRecovery {
  private crashes: number[] = [];
  private readonly o: Required<RendererRecoveryOptions>;

  constructor(opts: RendererRecoveryOptions = {}) {
    this.o = {
      maxRestarts: 3,
      windowMs: 5 * 60_000,
      baseDelayMs: 1000,
      maxDelayMs: 15_000,
      now: Date.now,
      ...opts,
    };
  }

  /** Records a crash and says whether to reload (after how long) or give up with the error page. */
  onCrash(): RecoveryDecision {
    const now = this.o.now();
    this.crashes = this.crashes.filter((t) => now - t < this.o.windowMs);
    this.crashes.push(now);
    const n = this.crashes.length;
    if (n > this.o.maxRestarts) return { action: 'error-page', crashes: n };
    return {
      action: 'reload',
      attempt: n,
      delayMs: Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (n - 1)),
    };
  }
}

/** The static page shown after the renderer kept crashing: no script, no remote content. */
export function rendererErrorPage(crashes: number, reason: string): string {
  const safe = reason.replace(/[^a-z0-9 _-]/gi, '');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Kiosk unavailable</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font:28px system-ui,sans-serif;background:#111;color:#eee;display:flex;align-items:center;justify-content:center;height:100vh;margin:0;text-align:center}</style>
</head><body><div><h1>This kiosk screen is not available</h1>
<p>The display stopped ${crashes} times in a row (${safe}). Staff: restart the kiosk; if it happens again, check the logs.</p></div></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
