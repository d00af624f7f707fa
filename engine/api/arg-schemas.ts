import { z } from 'zod';
import type { EngineApiName } from '../contracts/api.ts';

const none = z.strictObject({});
const id = z.string().trim().min(1, 'must not be empty').max(100, 'is longer than 100 characters');

/**
 * The argument schema of every API name. A full Record, so adding a name to EngineApi without a
 * schema fails to compile; strict objects, so a misspelt field is a 400 rather than silently ignored.
 */
export const argSchemas = {
  'conversation-tap-start': none,
  'conversation-tap-stop': none,
  'conversation-ask': z.strictObject({
    text: z.string().trim().min(1, 'must not be empty').max(500, 'is longer than 500 characters'),
  }),
  'conversation-cancel': none,
  'knowledge-suggestions': none,
  'staff-login': z.strictObject({ pin: z.string().regex(/^[0-9]{1,12}$/, 'must be 1 to 12 digits') }),
  'staff-logout': none,
  'knowledge-reload': none,
  'meetings-start': z.strictObject({
    title: z.string().trim().min(1, 'must not be empty').max(200, 'is longer than 200 characters'),
  }),
  'meetings-stop': z.strictObject({ meetingId: id }),
  'meetings-add-segment': z.strictObject({
    meetingId: id,
    text: z.string().trim().min(1, 'must not be empty').max(10_000, 'is longer than 10000 characters'),
  }),
  'meetings-list': none,
  'meetings-summarize': z.strictObject({ meetingId: id }),
  'summaries-list': none,
  'outbox-list': none,
  'outbox-retry': z.strictObject({ jobId: id }),
  'system-status': none,
  'wake-status': none,
  'wake-train-start': z.strictObject({
    phrase: z.string().trim().min(1, 'must not be empty').max(60, 'is longer than 60 characters'),
    minutes: z.number().min(0.05).max(240).optional(),
  }),
  'wake-train-cancel': none,
  'wake-try': z.strictObject({ model: z.string().min(1).max(500).nullable() }),
  'wake-activate': z.strictObject({ model: z.string().min(1).max(500) }),
  'wake-rollback': none,
} satisfies Record<EngineApiName, z.ZodType>;

/** One readable reason from a zod failure, e.g. "text: must not be empty". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
