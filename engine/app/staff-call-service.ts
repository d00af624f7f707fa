import type { StaffCallRow } from '../contracts/api.ts';
import type { StaffCallPayload } from '../contracts/mqtt.ts';
import type { Logger } from '../log/logger.ts';
import type { EventBus } from '../pipeline/event-bus.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import type { StaffCallTrigger } from '../store/staff-calls.ts';
import { publishJob } from './job-events.ts';
import type { OffloadLink } from './offload-wiring.ts';

/** A button press this soon after a call that is still waiting returns that call instead of a new one. */
const REPEAT_WINDOW_MS = 2 * 60_000;

/**
 * A shopper's call for a person, end to end: stored, shown at once on every screen (the `staff-call`
 * event; staff screens list it, the shopper sees "A colleague has been notified"), and queued in the
 * outbox for staff phones and pagers on `kiosk/v1/<device>/staff-call`, so a call made offline goes
 * out when the broker is back. Every state change (raised, acknowledged, closed) is one message.
 */
export class StaffCallService {
  constructor(
    private readonly deps: {
      store: KioskStore;
      bus: EventBus;
      log: Logger;
      deviceId: string;
      offload: () => OffloadLink | null;
    },
  ) {}

  raise(opts: {
    trigger: StaffCallTrigger;
    question?: string | null;
    correlationId?: string | null;
  }): StaffCallRow {
    // A second press while a call is still waiting is the same shopper asking again (or a child
    // drumming on the screen): it must not page staff twice.
    const waiting = this.deps.store.staffCalls
      .list(5)
      .find((c) => c.state === 'raised' && Date.now() - Date.parse(c.raisedAt) < REPEAT_WINDOW_MS);
    if (waiting && opts.trigger === 'button') return waiting;
    const call = this.deps.store.staffCalls.raise(opts);
    this.deps.log.info('staff call raised', { callId: call.id, trigger: call.trigger });
    this.announce(call, null);
    return call;
  }

  acknowledge(callId: string, staff: string | null): StaffCallRow {
    return this.move(callId, 'acknowledged', staff);
  }

  close(callId: string, staff: string | null): StaffCallRow {
    return this.move(callId, 'closed', staff);
  }

  list(): StaffCallRow[] {
    return this.deps.store.staffCalls.list();
  }

  private move(callId: string, to: 'acknowledged' | 'closed', staff: string | null): StaffCallRow {
    const { call, changed } = this.deps.store.staffCalls.move(callId, to, staff);
    if (changed) {
      this.deps.log.info(`staff call ${to}`, { callId, staff });
      this.announce(call, staff);
    }
    return call;
  }

  private announce(call: StaffCallRow, staff: string | null): void {
    const { bus } = this.deps;
    bus.publish({
      type: 'staff-call',
      correlationId: call.id,
      atMs: bus.now(),
      callId: call.id,
      state: call.state,
      question: call.question,
      staff: call.state === 'raised' ? null : staff,
      raisedAt: call.raisedAt,
    });
    const payload: StaffCallPayload = {
      schema: 'kiosk.staff-call/1',
      callId: call.id,
      deviceId: this.deps.deviceId,
      state: call.state,
      question: call.question,
      trigger: call.trigger,
      raisedAt: call.raisedAt,
      at:
        (call.state === 'closed'
          ? call.closedAt
          : call.state === 'acknowledged'
            ? call.acknowledgedAt
            : call.raisedAt) ?? call.raisedAt,
      staff,
    };
    try {
      const link = this.deps.offload();
      if (link) link.enqueueStaffCall(payload);
      else publishJob(this.deps, this.deps.store.outbox.enqueueStaffCall(payload));
    } catch (err) {
      // The call is stored and on every staff screen already; a full outbox must not undo that.
      this.deps.log.error('staff call not queued for pagers', {
        callId: call.id,
        error: (err as Error).message,
      });
    }
  }
}
