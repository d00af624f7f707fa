import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/engine-error.ts';
import { NO_PIN_MESSAGE, StaffAuth, hashPin, verifyPin, type StaffPinEntry } from './staff-auth.ts';

const DEFAULT_STAFF_PIN = '1234';
let sam: StaffPinEntry[] = [];
const samPins = () => sam;

// Real: node:crypto scrypt hashing and the StaffAuth state machine; the clock is injected.
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as EngineError).code;
  }
}

describe('PIN hashing', () => {
  it('verifies the right PIN and rejects others, with a fresh salt per hash', async () => {
    const a = await hashPin('4821');
    const b = await hashPin('4821');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain('4821');
    expect(await verifyPin('4821', a)).toBe(true);
    expect(await verifyPin('4822', a)).toBe(false);
  });

  it('refuses a malformed stored hash with a config error and a non-digit PIN with bad-input', async () => {
    await expect(verifyPin('1234', 'plain-text')).rejects.toMatchObject({ code: 'bad-input', stage: 'config' });
    await expect(hashPin('12ab')).rejects.toMatchObject({ code: 'bad-input' });
  });
});

describe('StaffAuth', () => {
  beforeAll(async () => {
    sam = [{ name: 'Sam', pinHash: await hashPin(DEFAULT_STAFF_PIN) }];
  });

  it('has no default PIN: with none stored every login is refused with how to set one, and nothing is counted', async () => {
    const auth = new StaffAuth({ pins: () => [], maxFailures: 2, lockoutMs: 60_000 });
    expect(auth.pinSet()).toBe(false);
    for (const pin of ['1234', '0000', '1234']) {
      const e = (await auth.login(pin).catch((x: EngineError) => x)) as EngineError;
      expect(e.code).toBe('unavailable');
      expect(e.message).toBe(NO_PIN_MESSAGE);
    }
    expect(auth.lockedForMs()).toBe(0);
  });

  it('reads the PINs on every login (a PIN set while running works at once) and names the session', async () => {
    const stored: StaffPinEntry[] = [];
    const auth = new StaffAuth({ pins: () => stored, maxFailures: 5, lockoutMs: 60_000 });
    expect(await codeOf(auth.login('4826'))).toBe('unavailable');
    stored.push({ name: 'Sam', pinHash: await hashPin('4826') }, { name: 'Priya', pinHash: await hashPin('7391') });
    expect(auth.pinSet()).toBe(true);
    expect(auth.verify((await auth.login('7391')).token)?.staff).toBe('Priya');
    expect(auth.verify((await auth.login('4826')).token)?.staff).toBe('Sam');
    expect(await codeOf(auth.login('1234'))).toBe('unauthorized');
    stored.splice(1, 1);
    expect(await codeOf(auth.login('7391'))).toBe('unauthorized');
  });

  it('locks after maxFailures wrong PINs, refuses even the right PIN while locked, and reopens after lockoutMs', async () => {
    let now = 1_000_000;
    const auth = new StaffAuth({ pins: samPins, maxFailures: 5, lockoutMs: 30_000, now: () => now });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await codeOf(auth.login('0000')));
    expect(codes).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized', 'locked']);
    expect(await codeOf(auth.login(DEFAULT_STAFF_PIN))).toBe('locked');
    const err = await auth.login('1234').catch((e: EngineError) => e);
    expect((err as EngineError).detail?.retryAfterMs).toBe(30_000);
    now += 29_999;
    expect(await codeOf(auth.login(DEFAULT_STAFF_PIN))).toBe('locked');
    now += 2;
    expect(await codeOf(auth.login(DEFAULT_STAFF_PIN))).toBe('ok');
  });

  it('counts parallel attempts one by one, so a burst cannot get past the limit', async () => {
    const five = [{ name: 'Sam', pinHash: await hashPin('5555') }];
    const auth = new StaffAuth({ pins: () => five, maxFailures: 3, lockoutMs: 60_000 });
    const results = await Promise.all(['1', '2', '3', '5555', '5555'].map((p) => codeOf(auth.login(p.padStart(4, '0')))));
    expect(results).toEqual(['unauthorized', 'unauthorized', 'locked', 'locked', 'locked']);
  });

  it('reports attempts left, resets the count after a success, and expires and revokes sessions', async () => {
    let now = 0;
    const auth = new StaffAuth({ pins: samPins, maxFailures: 3, lockoutMs: 1000, sessionTtlMs: 5000, now: () => now });
    const e = (await auth.login('1111').catch((x: EngineError) => x)) as EngineError;
    expect(e.detail?.attemptsLeft).toBe(2);
    const { token } = await auth.login('1234');
    expect(await codeOf(auth.login('1111'))).toBe('unauthorized');
    expect(await codeOf(auth.login('1111'))).toBe('unauthorized');
    now = 4999;
    expect(auth.verify(token)).not.toBeNull();
    now = 5000;
    expect(auth.verify(token)).toBeNull();
    // Two failures after the success: the count restarted, so the right PIN still gets in.
    expect(await codeOf(auth.login('1234'))).toBe('ok');
    for (let i = 0; i < 3; i++) await codeOf(auth.login('1111'));
    expect(await codeOf(auth.login('1234'))).toBe('locked');
    now += 1000;
    const third = await auth.login('1234');
    auth.logout(third.token);
    expect(auth.verify(third.token)).toBeNull();
    expect(auth.verify('made-up')).toBeNull();
  });
});

describe('StaffAuth sessions', () => {
  it('slide by the idle time on use, end after it unused, never pass the hard cap, and a peek does not slide', async () => {
    let now = 0;
    const pins = [{ name: 'staff', pinHash: await hashPin('1234') }];
    const auth = new StaffAuth({ pins: () => pins, maxFailures: 5, lockoutMs: 1000, idleTimeoutMs: 1000, sessionTtlMs: 2500, now: () => now });
    const { token, idleLogoutMs } = await auth.login('1234');
    expect(idleLogoutMs).toBe(1000);
    now = 900;
    expect(auth.verify(token)).not.toBeNull(); // slides to 1900
    now = 1800;
    expect(auth.verify(token, false)).not.toBeNull(); // a peek (event stream): no slide
    now = 1950;
    expect(auth.verify(token)).toBeNull();
    const second = await auth.login('1234');
    for (now = 2000; now < 4500; now += 800) expect(auth.verify(second.token)).not.toBeNull();
    now = 4600; // 2000 + hard cap 2500 = 4500, however busy
    expect(auth.verify(second.token)).toBeNull();
  });
});
