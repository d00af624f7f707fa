import type { StaffAction } from './fast/fast-path.ts';

/**
 * What the reply stage asks before acknowledging a staff voice command: may it run now (a staff
 * member is logged in, the meeting state fits), and what to say either way. The composition root
 * supplies it; the reply stage never sees staff sessions or meetings itself.
 */
export interface StaffCommandGate {
  check(command: StaffAction): { allowed: boolean; answer: string };
}

/** Said when no gate is wired (e.g. `voice-kiosk ask`): the command is refused in words, never faked. */
export const NO_STAFF_COMMANDS =
  'Staff commands work on the kiosk itself, for a staff member logged in on the staff screen.';
