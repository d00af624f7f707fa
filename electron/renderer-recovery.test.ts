import { describe, expect, it } from 'vitest';
import { RendererRecovery, rendererErrorPage } from './renderer-recovery.ts';

describe('RendererRecovery', () => {
  it('reloads with a doubling delay, then shows the error page instead of looping', () => {
    let now = 0;
    const r = new RendererRecovery({ maxRestarts: 3, windowMs: 60_000, baseDelayMs: 1000, now: () => now });
    const seen = [];
    for (let i = 0; i < 5; i++) {
      seen.push(r.onCrash());
      now += 2000;
    }
    expect(seen).toEqual([
      { action: 'reload', attempt: 1, delayMs: 1000 },
      { action: 'reload', attempt: 2, delayMs: 2000 },
      { action: 'reload', attempt: 3, delayMs: 4000 },
      { action: 'error-page', crashes: 4 },
      { action: 'error-page', crashes: 5 },
    ]);
  });

  it('forgets crashes older than the window, so a rare crash always reloads', () => {
    let now = 0;
    const r = new RendererRecovery({ maxRestarts: 2, windowMs: 10_000, now: () => now });
    for (let i = 0; i < 6; i++) {
      expect(r.onCrash().action).toBe('reload');
      now += 10_001;
    }
  });

  it('the error page runs no script and carries no markup from the crash reason', () => {
    const url = rendererErrorPage(4, 'crashed<script>alert(1)</script>');
    const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(url.startsWith('data:text/html')).toBe(true);
    expect(html).not.toContain('<script');
    expect(html).toContain("default-src 'none'");
  });
});
