import { z } from 'zod';
import type { EngineApiName } from '../engine/contracts/api.ts';
import { isOwnOrigin } from './security-policy.ts';

export { IPC_CHANNELS } from './ipc-channels.ts';

const API_NAMES = [
  'conversation-tap-start',
  'conversation-tap-stop',
  'conversation-ask',
  'conversation-cancel',
  'knowledge-suggestions',
  'staff-login',
  'staff-logout',
  'knowledge-reload',
  'meetings-start',
  'meetings-stop',
  'meetings-add-segment',
  'meetings-list',
  'meetings-summarize',
  'summaries-list',
  'outbox-list',
  'outbox-retry',
  'system-status',
  'wake-status',
  'wake-train-start',
  'wake-train-cancel',
  'wake-try',
  'wake-activate',
  'wake-rollback',
] as const satisfies readonly EngineApiName[];

// Compile-time check that the list above names every EngineApi member.
type Missing = Exclude<EngineApiName, (typeof API_NAMES)[number]>;
const _everyName: Missing extends never ? true : Missing = true;
void _everyName;

const token = z.string().min(1).max(200).nullable();

/** The shape of each message the renderer may send; the engine validates the args themselves again. */
export const ipcMessageSchemas = {
  call: z.strictObject({ name: z.enum(API_NAMES), args: z.record(z.string(), z.unknown()), token }),
  setStaffToken: z.strictObject({ token }),
};

export interface IpcSender {
  /** URL of the frame that sent the message (event.senderFrame.url). */
  frameUrl: string | null;
  /** True when the sender is the top-level frame of our kiosk window. */
  isMainFrameOfKioskWindow: boolean;
}

export type IpcCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Checks who sent an IPC message and what it holds: only the kiosk window's main frame, loaded
 * from our engine's origin, and only well-formed messages. Anything else is dropped and logged.
 */
export function checkIpc<K extends keyof typeof ipcMessageSchemas>(
  kind: K,
  sender: IpcSender,
  payload: unknown,
  engineUrl: string | null,
): IpcCheck<z.infer<(typeof ipcMessageSchemas)[K]>> {
  if (!sender.isMainFrameOfKioskWindow) return { ok: false, reason: 'not from the kiosk window main frame' };
  if (!sender.frameUrl || !isOwnOrigin(sender.frameUrl, engineUrl)) return { ok: false, reason: `sender origin not allowed: ${sender.frameUrl}` };
  const parsed = ipcMessageSchemas[kind].safeParse(payload);
  if (!parsed.success) return { ok: false, reason: `malformed ${kind}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  return { ok: true, value: parsed.data as z.infer<(typeof ipcMessageSchemas)[K]> };
}
