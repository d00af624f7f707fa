import type { AskResult } from '../contracts/api.ts';
import type { ReplyPort } from '../pipeline/stage-ports.ts';
import { normalizeQuestion } from '../reply/fast/fast-path.ts';
import { DONT_KNOW } from '../reply/grounded-answer.ts';
import type { StaffCallService } from './staff-call-service.ts';

/** What the shopper hears and reads once a call is raised. */
export const CALL_RAISED = 'A colleague has been notified and will be with you shortly.';
const NO_THANKS = 'No problem. Is there anything else I can help you with?';
/** A "yes" this long after the offer still answers it; later it is a new question. */
const OFFER_VALID_MS = 2 * 60_000;

const YES =
  /^(?:yes|yeah|yep|yup|ok|okay|sure|please|yes please|yes thanks|yes thank you|go on|please do|do that|yes do|yes call|call them|yes call (?:them|someone|staff)|that would be (?:great|good|nice)|i would like that|id like that)$/;
const NO =
  /^(?:no|nope|no thanks|no thank you|dont|do not|dont bother|not now|its fine|thats ok|thats okay|im fine|no need)$/;

/**
 * Makes the kiosk's "Shall I call a member of staff?" a real offer: a "yes" (spoken or typed) soon
 * after it, and a request to speak to someone (the fast path's `staff-call` action), raise a staff
 * call with the question that led to it. Wraps the reply stage, so the conversation reducer stays as
 * it is and the answer is stored, shown and spoken like any other.
 */
export function withStaffCalls(
  reply: ReplyPort,
  calls: Pick<StaffCallService, 'raise'>,
  now: () => number = Date.now,
): ReplyPort {
  let offer: { question: string; atMs: number } | null = null;
  return {
    info: () => reply.info(),
    async answer(req): Promise<AskResult> {
      const said = normalizeQuestion(req.text);
      const pending = offer && now() - offer.atMs <= OFFER_VALID_MS ? offer : null;
      if (pending && (YES.test(said) || NO.test(said))) {
        offer = null;
        const started = performance.now();
        const yes = YES.test(said);
        const call = yes
          ? calls.raise({ trigger: 'offer', question: pending.question, correlationId: req.correlationId })
          : null;
        const answer = yes ? CALL_RAISED : NO_THANKS;
        req.onRoute?.(
          'fast',
          yes ? 'fast: yes to the staff offer → staff call' : 'fast: no to the staff offer',
        );
        req.onToken?.(answer);
        const ms = Math.round(performance.now() - started);
        return {
          correlationId: req.correlationId,
          route: 'fast',
          reason: yes ? 'fast: yes to the staff offer → staff call' : 'fast: no to the staff offer',
          answer,
          sources: [],
          ttftMs: ms,
          totalMs: ms,
          ...(call ? { action: 'staff-call' as const, staffCallId: call.id } : {}),
        };
      }
      // The wrapped stage streams its own tokens; a staff-call answer is rewritten once the call exists.
      const r = await reply.answer(req);
      if (r.action === 'staff-call') {
        const call = calls.raise({ trigger: 'asked', question: req.text, correlationId: req.correlationId });
        offer = null;
        return { ...r, answer: CALL_RAISED, staffCallId: call.id };
      }
      offer = r.answer === DONT_KNOW ? { question: req.text, atMs: now() } : null;
      return r;
    },
  };
}
