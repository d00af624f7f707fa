import type { KioskConfig } from '../../../engine/contracts/config.ts';

/**
 * Offload settings for tests and benches that drive a real OffloadClient: small payload limits and
 * sub-second resends so a run finishes in seconds. Each caller overrides only what it is about.
 */
export function testOffloadSettings(overrides: Partial<KioskConfig['offload']> = {}): KioskConfig['offload'] {
  return {
    maxPayloadBytes: 1 << 20,
    compressAboveBytes: 1 << 14,
    maxJobAgeMs: 60_000,
    reconcileIntervalMs: 60_000,
    resendBaseMs: 500,
    resendMaxMs: 5000,
    sessionExpirySec: 60,
    deviceDraftAfterMs: null,
    ...overrides,
  };
}

/** MQTT settings for a plain (no TLS, no credentials) broker at `url`, with optional overrides. */
export function plainMqtt(
  url: string,
  overrides: Partial<Omit<KioskConfig['mqtt'], 'url'>> = {},
): KioskConfig['mqtt'] & { url: string } {
  return { url, username: null, password: null, caFile: null, certFile: null, keyFile: null, ...overrides };
}
