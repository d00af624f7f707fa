import type { KioskBridge } from '../engine/app/api/client/ipc-transport.ts';

/**
 * One IPC channel per bridge member: a full Record, so adding a bridge method without a channel fails
 * to compile. Kept free of other imports because the sandboxed preload bundles it.
 */
export const IPC_CHANNELS = {
  call: 'kiosk:call',
  onEvent: 'kiosk:event',
  onConnection: 'kiosk:connection',
  setStaffToken: 'kiosk:set-staff-token',
} as const satisfies Record<keyof KioskBridge, string>;
