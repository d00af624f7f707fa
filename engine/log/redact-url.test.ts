import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.ts';

describe('redactUrl', () => {
  it('hides user and password, keeps host, port and path', () => {
    expect(redactUrl('mqtt://kiosk-1:s3cret-pw@broker.example:8883/x')).toBe(
      'mqtt://***:***@broker.example:8883/x',
    );
    expect(redactUrl('mqtts://only-user@10.0.0.2:8883')).toBe('mqtts://***@10.0.0.2:8883');
    expect(redactUrl('mqtt://127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883');
    expect(redactUrl(null)).toBeNull();
  });

  it('never lets the password through for an unparsable URL', () => {
    const out = redactUrl('mqtt//weird:pa ss@host');
    expect(out).not.toContain('pa ss');
  });
});
