import type { JobState } from '../contracts/events.ts';
import { topics, type StaffCallPayload } from '../contracts/mqtt.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { OutboxJob } from '../store/summary-outbox.ts';
import type { MqttConnection } from './mqtt-connection.ts';

/** MQTT v5 reason code "no matching subscribers": the broker took it, but no phone or pager listens. */
const NO_SUBSCRIBERS = 16;
/** How long a staff-call message is worth delivering to a pager. */
const PAGE_EXPIRY_SEC = 15 * 60;

/**
 * Publishes one staff-call outbox job to `kiosk/v1/<device>/staff-call` (QoS 1, plain JSON). Unlike a
 * cloud job there is no result to wait for: the broker's PUBACK is delivery, so the job is done then.
 * A call that finds no subscriber is still done (the staff screen showed it at once) with a note.
 */
export async function publishStaffCall(
  deps: { deviceId: string; connection: Pick<MqttConnection, 'publish'>; log: Logger },
  attempt: OutboxJob,
): Promise<{ attempt: OutboxJob; to: JobState; lastError: string | null }> {
  const payload = attempt.payload as StaffCallPayload;
  // The expiry counts from when the state began, not from when the broker came back: a call queued
  // through a long outage is on the staff screens, but no pager should buzz for it an hour later.
  const leftSec = Math.ceil((Date.parse(payload.at) + PAGE_EXPIRY_SEC * 1000 - Date.now()) / 1000);
  if (!(leftSec > 0))
    return { attempt, to: 'done', lastError: 'too old to page (over 15 minutes); shown on the staff screens only' };
  try {
    const { reasonCode } = await deps.connection.publish(
      topics.staffCall(deps.deviceId),
      Buffer.from(JSON.stringify(payload)),
      {
        qos: 1,
        properties: {
          contentType: 'application/json',
          // A pager switched on hours later should not buzz for a shopper long gone.
          messageExpiryInterval: Math.min(PAGE_EXPIRY_SEC, leftSec),
          correlationData: Buffer.from(attempt.jobId),
        },
      },
    );
    return reasonCode === NO_SUBSCRIBERS
      ? { attempt, to: 'done', lastError: 'no staff phone or pager is subscribed to the staff-call topic' }
      : { attempt, to: 'done', lastError: null };
  } catch (err) {
    const message = EngineError.toData(err).message;
    deps.log.warn('staff-call publish failed; will resend', {
      jobId: attempt.jobId,
      callId: payload.callId,
      error: message,
    });
    return { attempt, to: attempt.state, lastError: `publish failed: ${message}` };
  }
}
