import type { Logger } from '../../log/logger.ts';
import type { ApiDeps } from './deps.ts';
import { ApiHandlers, type HandlerMap } from './handler-registry.ts';
import { meetingLinesHandlers } from './meeting-lines-handlers.ts';
import { ownerHandlers } from './owner-handlers.ts';
import { staffCallHandlers } from './staff-call-handlers.ts';
import type { StaffAuth } from './staff-auth.ts';
import { wakeHandlers } from './wake-handlers.ts';

function conversationHandlers({ conversation, knowledge }: ApiDeps): HandlerMap {
  return {
    'conversation-tap-start': () => conversation.tapStart(),
    'conversation-tap-stop': () => conversation.tapStop(),
    'conversation-ask': ({ text }) => conversation.ask(text),
    'conversation-cancel': () => conversation.cancel(),
    'conversation-choose': ({ index }) => conversation.choose(index),
    'knowledge-suggestions': async () => ({ questions: await knowledge.suggestions() }),
    'knowledge-info': () => knowledge.info(),
  };
}

function staffHandlers(auth: StaffAuth, { knowledge }: ApiDeps): HandlerMap {
  return {
    'staff-login': ({ pin }, ctx) => auth.login(pin, ctx.client),
    'staff-logout': (_args, ctx) => {
      if (ctx.token) auth.logout(ctx.token);
      return { ok: true };
    },
    'knowledge-reload': () => knowledge.reload(),
  };
}

function meetingHandlers({ meetings, summaries, outbox }: ApiDeps): HandlerMap {
  return {
    'meetings-start': ({ title }, ctx) => meetings.start(title, ctx.session?.staff ?? null),
    'meetings-stop': ({ meetingId }) => meetings.stop(meetingId),
    'meetings-add-segment': ({ meetingId, text }) => meetings.addSegment(meetingId, text),
    'meetings-list': async () => ({ meetings: await meetings.list() }),
    'meetings-summarize': ({ meetingId }) => summaries.summarize(meetingId),
    'summaries-list': async () => ({ summaries: await summaries.list() }),
    'outbox-list': async () => ({ jobs: await outbox.list() }),
    'outbox-retry': ({ jobId }) => outbox.retry(jobId),
  };
}

function systemHandlers(auth: StaffAuth, { status }: ApiDeps): HandlerMap {
  return {
    'system-status': async () => ({ ...(await status.status()), staffPinSet: auth.pinSet() }),
  };
}

/** Builds the full API from the engine's services; the composition root calls this once. */
export function createApiHandlers(deps: ApiDeps, auth: StaffAuth, log?: Logger): ApiHandlers {
  return new ApiHandlers(auth, log)
    .register(conversationHandlers(deps))
    .register(staffHandlers(auth, deps))
    .register(meetingHandlers(deps))
    .register(systemHandlers(auth, deps))
    .register(staffCallHandlers(deps))
    .register(meetingLinesHandlers(deps))
    .register(ownerHandlers(deps))
    .register(wakeHandlers(deps));
}
