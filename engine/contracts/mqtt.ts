import { z } from 'zod';
import { cloudJobKindSchema as jobKindSchema } from './events.ts';
import { DEVICE_ID_PATTERN } from './limits.ts';

/**
 * The kiosk ↔ cloud job protocol (MQTT v5). docs/protocol.md is the prose version; these schemas are
 * what both sides validate against (engine/protocol/job-codec.ts) and the types are inferred from them.
 */
export const PROTOCOL_SCHEMA = 'kiosk.job/1';

export const topics = {
  request: (deviceId: string) => `kiosk/v1/${deviceId}/req`,
  response: (deviceId: string) => `kiosk/v1/${deviceId}/res`,
  /** Staff-call notices for staff phones and pagers (docs/protocol.md "Staff calls"). */
  staffCall: (deviceId: string) => `kiosk/v1/${deviceId}/staff-call`,
  /** Shared subscription so N summarizer workers split the load. */
  sharedRequests: '$share/summarizers/kiosk/v1/+/req',
} as const;

/** A job id: also MQTT correlation data, so printable and bounded. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export const jobIdSchema = z.string().regex(JOB_ID_PATTERN, 'job id: 1-128 of [A-Za-z0-9_.:-]');
export const deviceIdSchema = z.string().regex(DEVICE_ID_PATTERN, 'device id: 1-64 of [A-Za-z0-9_-]');

export const summarizePayloadSchema = z
  .object({ meetingId: z.string().min(1), title: z.string(), transcript: z.string() })
  .strict();
export const answerPayloadSchema = z
  .object({ question: z.string().min(1), context: z.string().optional() })
  .strict();

export type SummarizePayload = z.infer<typeof summarizePayloadSchema>;
export type AnswerPayload = z.infer<typeof answerPayloadSchema>;

/** Request body (JSON, gzip-compressed above a threshold; see docs/protocol.md). */
/**
 * Most job ids one reconcile may list (protocol.md). The kiosk sends them in chunks of this size; a
 * worker refuses a longer list outright, so one message can never make it send thousands of replies.
 */
export const MAX_RECONCILE_IDS = 256;

export const jobRequestSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('job'),
      jobId: jobIdSchema,
      deviceId: deviceIdSchema,
      kind: jobKindSchema,
      contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash: sha256 hex'),
      createdAt: z.string().min(1),
      /** summarize: the meeting transcript; answer: the question and its context. */
      payload: z.union([summarizePayloadSchema, answerPayloadSchema]),
    })
    .strict()
    .superRefine((v, ctx) => {
      const schema = v.kind === 'summarize' ? summarizePayloadSchema : answerPayloadSchema;
      if (!schema.safeParse(v.payload).success)
        ctx.addIssue({
          code: 'custom',
          message: `payload does not match kind '${v.kind}'`,
          path: ['payload'],
        });
    }),
  z
    .object({
      op: z.literal('reconcile'),
      deviceId: deviceIdSchema,
      jobIds: z
        .array(jobIdSchema)
        .max(MAX_RECONCILE_IDS, `reconcile lists at most ${MAX_RECONCILE_IDS} job ids`),
    })
    .strict(),
]);
export type JobRequest = z.infer<typeof jobRequestSchema>;

/** A summary staff can act on; the plain text of a result carries the same in a fixed layout. */
export const summaryOutlineSchema = z
  .object({
    gist: z.string(),
    decisions: z.array(z.string()),
    actions: z.array(z.object({ who: z.string().nullable(), what: z.string(), by: z.string().nullable() }).strict()),
  })
  .strict();
export type SummaryOutline = z.infer<typeof summaryOutlineSchema>;

/** What a staff phone or pager receives on topics.staffCall (JSON, QoS 1, never compressed). */
export const staffCallPayloadSchema = z
  .object({
    schema: z.literal('kiosk.staff-call/1'),
    callId: z.string().min(1),
    deviceId: deviceIdSchema,
    state: z.enum(['raised', 'acknowledged', 'closed']),
    /** The shopper's question that led to the call, when there was one. */
    question: z.string().nullable(),
    trigger: z.enum(['button', 'asked', 'offer']),
    raisedAt: z.string(),
    /** When this state began, and who (staff name) moved it there. */
    at: z.string(),
    staff: z.string().nullable(),
  })
  .strict();
export type StaffCallPayload = z.infer<typeof staffCallPayloadSchema>;

export const jobErrorCodeSchema = z.enum(['conflict', 'schema', 'too-large', 'backend', 'bad-request']);
export type JobErrorCode = z.infer<typeof jobErrorCodeSchema>;

/** Response body, correlationData = job id. */
export const jobResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), jobId: jobIdSchema }).strict(),
  z
    .object({
      status: z.literal('result'),
      jobId: jobIdSchema,
      kind: jobKindSchema,
      text: z.string().min(1),
      model: z.string(),
      meetingId: z.string().optional(),
      /** Optional (added for issue 12): the summary split into gist, decisions and action items. */
      outline: summaryOutlineSchema.optional(),
    })
    .strict(),
  z
    .object({
      status: z.literal('error'),
      jobId: jobIdSchema,
      code: jobErrorCodeSchema,
      message: z.string(),
      retryable: z.boolean(),
    })
    .strict(),
  z.object({ status: z.literal('unknown'), jobId: jobIdSchema }).strict(),
]);
export type JobResponse = z.infer<typeof jobResponseSchema>;
