import { describe, expect, it } from 'vitest';
import { DecoderPool } from './decoder-pool.ts';
import { findSphinxModel } from './model-files.ts';
import { loadNativeAddon } from './native-decoder.ts';

// Real: the native addon and the Debian en-us model; the pool's loads are what a first turn would pay.
describe('DecoderPool', () => {
  it('warm(2) loads two decoders up front; two utterances at once then load none, a third loads one', async () => {
    const { Decoder } = loadNativeAddon();
    const model = findSphinxModel();
    const pool = new DecoderPool(() => new Decoder(), ['-hmm', model.hmm, '-dict', model.dict, '-lm', model.lm]);
    try {
      await pool.warm(2);
      expect(pool.size).toBe(2);
      const a = await pool.acquire();
      const b = await pool.acquire();
      expect(a).not.toBe(b);
      expect(pool.size).toBe(2);
      await pool.acquire();
      expect(pool.size).toBe(3);
      pool.release(a);
      await pool.warm(2);
      expect(pool.size).toBe(3);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
