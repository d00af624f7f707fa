import path from 'node:path';
import { buildBackend } from '../../cloud/compose.ts';
import { SummarizerService } from '../../cloud/service/summarizer-service.ts';
import { SqliteJobStore } from '../../cloud/store/sqlite-job-store.ts';
import { resolvePath } from './config/load.ts';
import type { KioskConfig } from '../contracts/config.ts';
import type { StageInfo } from '../contracts/audio.ts';
import type { EventSink, JobState } from '../contracts/events.ts';
import type { StaffCallPayload } from '../contracts/mqtt.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import { DeviceDrafts } from '../offload/device-drafts.ts';
import { OffloadClient } from '../offload/offload-client.ts';
import { acquireExclusiveLock, relayLockFile } from '../store/exclusive-lock.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import { redactUrl } from '../log/redact-url.ts';
import type { EmbeddedBrokerLogins } from './broker-credentials.ts';

/** The offload client as the rest of the engine uses it (a subset of OffloadClient). */
export interface OffloadLink {
  online(): boolean;
  status(): { online: boolean; queued: number };
  enqueueSummary(meetingId: string): { jobId: string; state: JobState };
  enqueueAnswer(question: string, context?: string, correlationId?: string): string;
  enqueueStaffCall(payload: StaffCallPayload): { jobId: string; state: JobState };
  retry(jobId: string): { jobId: string; state: JobState };
  info(): StageInfo;
}

export interface OffloadWiring {
  link: OffloadLink | null;
  summarizer: SummarizerService | null;
  notices: string[];
  close(): Promise<void>;
}

/**
 * Starts the embedded summarizer and the kiosk's offload client. The embedded summarizer (the
 * extractive backend, its job store in the data dir, serving only this kiosk) runs only beside the
 * embedded broker: on a real broker the real cloud serves the kiosk, and a second worker there would
 * race it for every job (its result landing first and the cloud's being dropped as a duplicate).
 * The client connects in the background and retries forever, so a broker that is down only means
 * "offline, N queued".
 */
export async function startOffload(opts: {
  config: KioskConfig;
  brokerUrl: string;
  /** The embedded broker's per-start accounts; null when config.mqtt names the broker (and its login). */
  brokerLogins?: EmbeddedBrokerLogins | null;
  /** True when brokerUrl is the kiosk's own embedded broker (config.mqtt.url = null). */
  embeddedBroker: boolean;
  store: KioskStore;
  /** Who holds the store's relay lock, for the refusal a second process gets (default 'voice-kiosk start'). */
  lockOwner?: string;
  bus: EventSink;
  log: Logger;
  /** Start the embedded summarizer (default config.summarizer.embedded); the relay never does. */
  embeddedSummarizer?: boolean;
}): Promise<OffloadWiring> {
  const { config, brokerUrl, store, bus, log } = opts;
  const logins = opts.brokerLogins ?? null;
  // One offload client per store in every mode (kiosk, relay): two would fight over one MQTT session.
  const lock = acquireExclusiveLock(relayLockFile(store.file), `${opts.lockOwner ?? 'voice-kiosk start'} for device ${config.device.id}`);
  const notices: string[] = [];
  let summarizer: SummarizerService | null = null;
  // Only beside the embedded broker: next to a real one it would race the real cloud for each request.
  if ((opts.embeddedSummarizer ?? config.summarizer.embedded) && opts.embeddedBroker) {
    const backend =
      config.summarizer.backend === 'extractive'
        ? buildBackend({ backend: 'extractive' })
        : buildBackend({
            backend: 'openai',
            openaiUrl: config.reply.llm.url,
            model: config.reply.llm.model,
            apiKey: config.reply.llm.apiKey,
          });
    const service = new SummarizerService({
      mqttUrl: brokerUrl,
      ...(logins ? { mqttOptions: { username: logins.summarizer.username, password: logins.summarizer.password } } : {}),
      deviceIds: [config.device.id],
      clientId: `summarizer-${config.device.id}`,
      store: new SqliteJobStore(path.join(resolvePath(config.paths.dataDir), 'summarizer.db')),
      backend,
      logger: log.child({ part: 'summarizer' }),
    });
    try {
      await service.start();
      summarizer = service;
    } catch (err) {
      await service.stop().catch(() => undefined);
      const e = EngineError.toData(err, 'cloud');
      notices.push(
        `the embedded summarizer did not start (${e.message}): summaries stay queued until one serves ${redactUrl(brokerUrl)}`,
      );
    }
  }
  const client = new OffloadClient({
    store,
    deviceId: config.device.id,
    mqtt: logins
      ? { ...config.mqtt, url: brokerUrl, username: logins.device.username, password: logins.device.password }
      : { ...config.mqtt, url: brokerUrl },
    offload: config.offload,
    bus,
    logger: log.child({ part: 'client' }),
  });
  client.start();
  // Made here, not through the broker: the point is to have a summary while the cloud is unreachable.
  const drafts =
    config.offload.deviceDraftAfterMs === null
      ? null
      : new DeviceDrafts({
          store,
          afterMs: config.offload.deviceDraftAfterMs,
          bus,
          log: log.child({ part: 'device-drafts' }),
        });
  drafts?.start();
  const link: OffloadLink = {
    online: () => client.online(),
    status: () => client.status(),
    enqueueSummary: (id) => client.enqueueSummary(id),
    enqueueAnswer: (q, c, id) => client.enqueueAnswer(q, c, id),
    enqueueStaffCall: (p) => client.enqueueStaffCall(p),
    retry: (id) => client.retry(id),
    info: () => ({
      stage: 'offload',
      name: 'mqtt offload client',
      ready: client.online(),
      note: `${redactUrl(brokerUrl)}${client.online() ? '' : ' (offline)'}`,
    }),
  };
  return {
    link,
    summarizer,
    notices,
    async close() {
      await drafts?.stop();
      await client.stop();
      await summarizer?.stop();
      lock.release();
    },
  };
}
