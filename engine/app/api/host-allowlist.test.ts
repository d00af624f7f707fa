import { describe, expect, it } from 'vitest';
import { createHostAllowlist } from './host-allowlist.ts';

const req = (host: string | undefined, origin?: string) => ({
  headers: { ...(host === undefined ? {} : { host }), ...(origin ? { origin } : {}) },
});

describe('createHostAllowlist', () => {
  const list = createHostAllowlist(8787, ['kiosk.local', 'Till-2.shop:9000']);

  it('allows loopback names with our port and configured names, case-insensitively', () => {
    for (const h of [
      '127.0.0.1:8787',
      'localhost:8787',
      'LOCALHOST:8787',
      '[::1]:8787',
      'kiosk.local:8787',
      'till-2.shop:9000',
    ])
      expect(list.refusal(req(h)), h).toBeNull();
  });

  it('refuses foreign names, other ports and a missing Host with 421', () => {
    for (const h of [
      'rebind.attacker.example:8787',
      '127.0.0.1:8788',
      'localhost',
      '127.0.0.2:8787',
      'kiosk.local:9000',
      undefined,
    ])
      expect(list.refusal(req(h))?.status, String(h)).toBe(421);
  });

  it('refuses a foreign, opaque or non-http Origin with 403 even on a good Host', () => {
    for (const o of ['http://evil.example:8787', 'null', 'file://', 'chrome-extension://abc'])
      expect(list.refusal(req('127.0.0.1:8787', o))?.status, o).toBe(403);
    expect(list.refusal(req('127.0.0.1:8787', 'http://localhost:8787'))).toBeNull();
  });

  it('accepts a bare name on port 80, where browsers leave the port out', () => {
    expect(createHostAllowlist(80).refusal(req('localhost'))).toBeNull();
  });

  it('never echoes more than a short printable part of a hostile Host', () => {
    const msg = list.refusal(req(`${'a'.repeat(500)}\u0007`))?.message ?? '';
    expect(msg.length).toBeLessThan(400);
    expect(msg).not.toContain('\u0007');
  });
});
