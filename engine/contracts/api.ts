import { z } from 'zod';
import type { EngineErrorData } from './errors.ts';
import { jobKindSchema, jobStateSchema, routeSchema, staffCallStateSchema, type PipelineEvent } from './events.ts';
import { summaryOutlineSchema } from './mqtt.ts';
import { LIMITS } from './limits.ts';

export { LIMITS, STAFF_TOKEN_HEADER } from './limits.ts';

/*
 * The one typed API between the engine and its clients (renderer over HTTP/WebSocket or Electron IPC,
 * tests in-process). Names are `domain-verb` (after Actual Budget's handler maps). Each name has a zod
 * schema for its arguments and its result; the TypeScript types, the HTTP routes, the server's argument
 * validation, the IPC bridge's name list and the client's `send<K>()` are all derived from `apiSchemas`.
 */

const none = z.strictObject({});
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `is longer than ${max} characters`);
const id = text(LIMITS.idChars);

export const askResultSchema = z.object({
  correlationId: z.string(),
  route: routeSchema,
  reason: z.string(),
  answer: z.string(),
  sources: z.array(z.string()),
  ttftMs: z.number(),
  totalMs: z.number(),
  /** Set when a fuller answer was queued for the cloud (offline, or the router offloaded). */
  queuedJobId: z.string().optional(),
  /** A recognised staff voice command the pipeline should carry out (the answer only acknowledges it). */
  action: z.enum(['meeting-start', 'meeting-stop', 'meeting-summarize', 'staff-call']).optional(),
  /** Set when this question raised a staff call (a "yes" to the offer, or "can I speak to someone"). */
  staffCallId: z.string().optional(),
  /** One calibrated 0–1 confidence for the whole interaction (what was heard × how well it matched the shop). */
  confidence: z.number().optional(),
  /**
   * Set instead of an answer when the kiosk is unsure what was asked: the 2–3 questions it may have
   * heard, shown as "Did you mean …?" buttons; `answer` then says the question out loud.
   */
  didYouMean: z.array(z.string()).optional(),
  /** True when the kiosk declined to answer (not known, or not listed): it offered staff instead. */
  declined: z.boolean().optional(),
});

export const meetingRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  staff: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  segments: z.number(),
  /** Why it ended: 'stopped', 'kiosk restarted', 'kiosk stopped', 'maximum length reached'. */
  endReason: z.string().nullable().optional(),
});

/** Who wrote a summary: the cloud, or this kiosk (a draft made while the cloud was unreachable). */
export const summarySourceSchema = z.enum(['cloud', 'device']);
export type SummarySource = z.infer<typeof summarySourceSchema>;

export const summaryRowSchema = z.object({
  meetingId: z.string(),
  jobId: z.string(),
  text: z.string(),
  model: z.string(),
  createdAt: z.string(),
  source: summarySourceSchema,
  /** Gist, decisions and action items, read from the summary's text layout. */
  outline: summaryOutlineSchema.optional(),
  /** When this summary was asked for; the newest request is the meeting's current summary. */
  requestedAt: z.string().optional(),
});

export const outboxJobRowSchema = z.object({
  jobId: z.string(),
  kind: jobKindSchema,
  state: jobStateSchema,
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  meetingId: z.string().nullable(),
});

export const systemStatusSchema = z.object({
  online: z.boolean(),
  queued: z.number(),
  micAvailable: z.boolean(),
  wakePhrase: z.string(),
  stages: z.array(
    z.object({ stage: z.string(), name: z.string(), ready: z.boolean(), note: z.string().optional() }),
  ),
  /** False until a staff PIN has been set (`voice-kiosk staff set-pin`): the staff screen says how. */
  staffPinSet: z.boolean().optional(),
  /** True while a meeting dictates: voice questions wait, typing and tapping still work. */
  voicePaused: z.boolean().optional(),
  /** BCP 47 tag from config device.locale (e.g. en-GB): how the UI writes dates and times. */
  locale: z.string().optional(),
});

/** The shop as its knowledge files describe it: the header's name, and titles for the ids answers cite. */
export const knowledgeInfoSchema = z.object({
  /** `shop:` in a knowledge file's front-matter; null when no file names the shop. */
  shopName: z.string().nullable(),
  sections: z.array(z.object({ id: z.string(), title: z.string() })),
});

/** A shopper's request for a person, as staff screens list it. */
export const staffCallRowSchema = z.object({
  id: z.string(),
  state: staffCallStateSchema,
  trigger: z.enum(['button', 'asked', 'offer']),
  question: z.string().nullable(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
});

export const meetingLineSchema = z.object({
  id: z.number(),
  text: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});

export const meetingExportSchema = z.object({ filename: z.string(), mimeType: z.string(), text: z.string() });

/** One group of questions the kiosk could not answer well, newest first. */
export const unansweredGroupSchema = z.object({
  category: z.enum(['declined', 'low-confidence', 'did-you-mean', 'staff-call']),
  question: z.string(),
  count: z.number(),
  lastAskedAt: z.string(),
});

/** The owner's view: what shoppers asked today and what the kiosk could not answer. */
export const ownerReportSchema = z.object({
  today: z.object({
    date: z.string(),
    questions: z.number(),
    answered: z.number(),
    declined: z.number(),
    lowConfidence: z.number(),
    staffCalls: z.number(),
  }),
  unanswered: z.array(unansweredGroupSchema),
});

export const knowledgeStatusSchema = z.object({
  sections: z.number().nullable(),
  loadedAt: z.string().nullable(),
  /** The last load or reload error, in plain words (which file, what is wrong), or null. */
  error: z.string().nullable(),
});

export const wakeModelRowSchema = z.object({
  /** What wake.keywords holds: a manifest id or the .onnx path. */
  model: z.string(),
  keyword: z.string(),
  phrase: z.string(),
  threshold: z.number(),
  /** 80 ms steps in a row the score must stay at or above the threshold (trained models; absent = 1). */
  patience: z.number().int().positive().optional(),
  licence: z.string(),
  /** Held-back validation figures of a trained model (recall 0–1, false accepts per hour). */
  recall: z.number().optional(),
  faPerHour: z.number().optional(),
  /** How many hours of non-wake audio that false-accept rate was counted over (a short set says little). */
  negativeHours: z.number().optional(),
  trainedAt: z.string().optional(),
});

export const wakeStatusSchema = z.object({
  active: z.array(wakeModelRowSchema),
  previous: z.array(z.string()).nullable(),
  models: z.array(wakeModelRowSchema),
  training: z.object({
    state: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
    phrase: z.string().optional(),
    fraction: z.number().optional(),
    etaSec: z.number().optional(),
    detail: z.string().optional(),
    error: z.string().optional(),
    /** The model written by the last successful run. */
    model: z.string().optional(),
  }),
  trying: z.object({ model: z.string(), score: z.number(), peak: z.number(), detections: z.number() }).nullable(),
});

const jobRef = z.object({ jobId: z.string(), state: jobStateSchema });

/**
 * The argument and result schema of every API name. Arguments are strict objects, so a misspelt
 * field is a 400 rather than silently ignored.
 */
export const apiSchemas = {
  // conversation (shoppers)
  'conversation-tap-start': { args: none, result: z.object({ correlationId: z.string() }) },
  'conversation-tap-stop': { args: none, result: z.object({ correlationId: z.string().nullable() }) },
  'conversation-ask': { args: z.strictObject({ text: text(LIMITS.questionChars) }), result: askResultSchema },
  'conversation-cancel': { args: none, result: z.object({ cancelled: z.boolean() }) },
  /** Answers one of the "Did you mean …?" candidates on screen (index into the did-you-mean event's list). */
  'conversation-choose': {
    args: z.strictObject({ index: z.number().int().min(0).max(2) }),
    result: z.object({ correlationId: z.string().nullable() }),
  },
  'knowledge-suggestions': { args: none, result: z.object({ questions: z.array(z.string()) }) },
  'knowledge-info': { args: none, result: knowledgeInfoSchema },

  // staff
  'staff-login': {
    args: z.strictObject({
      pin: z
        .string()
        .regex(new RegExp(`^[0-9]{1,${LIMITS.pinDigits}}$`), `must be 1 to ${LIMITS.pinDigits} digits`),
    }),
    /** idleLogoutMs: the server drops an unused session after this (config staff.idleLogoutMs); the screen logs out after the same. */
    result: z.object({ token: z.string(), expiresAt: z.string(), idleLogoutMs: z.number() }),
  },
  'staff-logout': { args: none, result: z.object({ ok: z.literal(true) }) },
  'knowledge-reload': { args: none, result: z.object({ sections: z.number() }) },

  // meetings (staff)
  'meetings-start': {
    args: z.strictObject({ title: text(LIMITS.meetingTitleChars) }),
    result: meetingRowSchema,
  },
  'meetings-stop': { args: z.strictObject({ meetingId: id }), result: meetingRowSchema },
  'meetings-add-segment': {
    args: z.strictObject({ meetingId: id, text: text(LIMITS.segmentChars) }),
    result: z.object({ segmentId: z.number() }),
  },
  'meetings-list': { args: none, result: z.object({ meetings: z.array(meetingRowSchema) }) },
  'meetings-summarize': { args: z.strictObject({ meetingId: id }), result: jobRef },
  'summaries-list': { args: none, result: z.object({ summaries: z.array(summaryRowSchema) }) },
  'outbox-list': { args: none, result: z.object({ jobs: z.array(outboxJobRowSchema) }) },
  'outbox-retry': { args: z.strictObject({ jobId: id }), result: jobRef },

  // system
  'system-status': { args: none, result: systemStatusSchema },

  // staff calls, meeting lines, the owner's view (issue 12)
  'staff-call-raise': {
    args: z.strictObject({ question: z.string().trim().max(LIMITS.questionChars, `is longer than ${LIMITS.questionChars} characters`).optional() }),
    result: staffCallRowSchema,
  },
  'staff-call-list': { args: none, result: z.object({ calls: z.array(staffCallRowSchema) }) },
  'staff-call-acknowledge': { args: z.strictObject({ callId: id }), result: staffCallRowSchema },
  'staff-call-close': { args: z.strictObject({ callId: id }), result: staffCallRowSchema },
  'meetings-lines': { args: z.strictObject({ meetingId: id }), result: z.object({ lines: z.array(meetingLineSchema) }) },
  'meetings-edit-line': {
    args: z.strictObject({ meetingId: id, lineId: z.number().int().positive(), text: text(LIMITS.segmentChars) }),
    result: meetingLineSchema,
  },
  'meetings-export': {
    args: z.strictObject({ meetingId: id, format: z.enum(['markdown', 'text']) }),
    result: meetingExportSchema,
  },
  'owner-report': { args: none, result: ownerReportSchema },
  'knowledge-status': { args: none, result: knowledgeStatusSchema },

  // wake word (staff): train the shop's own keyword, try it, switch to it or back
  'wake-status': { args: none, result: wakeStatusSchema },
  'wake-train-start': {
    args: z.strictObject({ phrase: text(LIMITS.wakePhraseChars), minutes: z.number().min(0.05).max(240).optional() }),
    result: wakeStatusSchema,
  },
  'wake-train-cancel': { args: none, result: wakeStatusSchema },
  'wake-try': { args: z.strictObject({ model: z.string().min(1).max(500).nullable() }), result: wakeStatusSchema },
  'wake-activate': { args: z.strictObject({ model: z.string().min(1).max(500) }), result: wakeStatusSchema },
  'wake-rollback': { args: none, result: wakeStatusSchema },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

type Schemas = typeof apiSchemas;
/** Arguments as a caller writes them; names without arguments take `{}`. */
type ArgsOf<S extends z.ZodType> = keyof z.input<S> extends never ? Record<string, never> : z.input<S>;

export type EngineApi = {
  [K in keyof Schemas]: { args: ArgsOf<Schemas[K]['args']>; result: z.infer<Schemas[K]['result']> };
};

export type EngineApiName = keyof EngineApi;
export type ApiArgs<K extends EngineApiName> = EngineApi[K]['args'];
export type ApiResult<K extends EngineApiName> = EngineApi[K]['result'];
export type ApiReply<K extends EngineApiName> =
  { ok: true; value: ApiResult<K> } | { ok: false; error: EngineErrorData };

/** Every API name, in declaration order (the Electron bridge accepts exactly these). */
export const API_NAMES = Object.keys(apiSchemas) as [EngineApiName, ...EngineApiName[]];

/** Names that need a logged-in staff session. */
export const STAFF_ONLY: ReadonlySet<EngineApiName> = new Set<EngineApiName>([
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
  // issue 12 (staff-call-raise stays open: it is the shopper's button)
  'staff-call-list',
  'staff-call-acknowledge',
  'staff-call-close',
  'meetings-lines',
  'meetings-edit-line',
  'meetings-export',
  'owner-report',
  'knowledge-status',
  'wake-status',
  'wake-train-start',
  'wake-train-cancel',
  'wake-try',
  'wake-activate',
  'wake-rollback',
]);

export type AskResult = z.infer<typeof askResultSchema>;
export type MeetingRow = z.infer<typeof meetingRowSchema>;
export type SummaryRow = z.infer<typeof summaryRowSchema>;
export type OutboxJobRow = z.infer<typeof outboxJobRowSchema>;
export type SystemStatus = z.infer<typeof systemStatusSchema>;
export type KnowledgeInfo = z.infer<typeof knowledgeInfoSchema>;
export type StaffCallRow = z.infer<typeof staffCallRowSchema>;
export type MeetingLine = z.infer<typeof meetingLineSchema>;
export type MeetingExport = z.infer<typeof meetingExportSchema>;
export type UnansweredGroup = z.infer<typeof unansweredGroupSchema>;
export type OwnerReport = z.infer<typeof ownerReportSchema>;
export type KnowledgeStatus = z.infer<typeof knowledgeStatusSchema>;
export type WakeModelRow = z.infer<typeof wakeModelRowSchema>;
export type WakeStatus = z.infer<typeof wakeStatusSchema>;

/** A keyword model the kiosk can wake on: a manifest id (hey_jarvis) or a trained file. */

/** What the event stream (WebSocket /events) sends: pipeline events, one JSON object per message. */
export type EngineStreamMessage = PipelineEvent;
