import type { StaffPinEntry } from '../../../engine/app/api/staff-auth.ts';

/**
 * A staff PIN for API tests: "1234" for "Test Staff", hashed once with hashPin() (scrypt, salted) so
 * tests do not pay for a hash each. The product has no default PIN; this exists only in tests.
 */
export const TEST_PIN = '1234';
const ENTRY: StaffPinEntry = {
  name: 'Test Staff',
  pinHash: 'scrypt$16384$8$1$thoqF+9rtnX+RJgIN6hkOA==$hbMapEal/1SWBnp4S9gvRowsEl/hCi+hrO4s0Uy/tew=',
};
export const testPins = (): StaffPinEntry[] => [ENTRY];
