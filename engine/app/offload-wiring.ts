import path from 'node:path';
import { buildBackend } from '../../cloud/compose.ts';
import { SummarizerService } from '../../cloud/service/summarizer-service.ts';
import { SqliteJobStore } from '../../cloud/store/sqlite-job-store.ts';
import { resolvePath } from './config/load.ts';
import type { KioskConfig } from '../contracts/config.ts';
import type { StageInfo } from '../contracts/audio.ts';
import type { JobState } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import { DeviceDrafts } from '../offload/device-drafts.ts';
import { OffloadClient } from '../offload/offload-client.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import type { EventBus } from '../pipeline/event-bus.ts';

/** The offload client as the rest of the engine uses it (a subset of OffloadClient). */
export interface OffloadLink {
  online(): boolean;
  status(): { online: boolean; queued: number };
  enqueueSummary(meetingId: string): { jobId: string; state: JobState };
  enqueueAnswer(question: string, context?: string, correlationId?: string): string;
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
  /** True when brokerUrl is the kiosk's own embedded broker (config.mqtt.url = null). */
  embeddedBroker: boolean;
  store: KioskStore;
  bus: EventBus;
  log: Logger;
}): Promise<OffloadWiring> {
  const { config, brokerUrl, store, bus, log } = opts;
  const notices: string[] = [];
  let summarizer: SummarizerService | null = null;
  if (config.summarizer.embedded && opts.embeddedBroker) {
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
        `the embedded summarizer did not start (${e.message}): summaries stay queued until one serves ${brokerUrl}`,
      );
    }
  }
  const client = new OffloadClient({
    store,
    deviceId: config.device.id,
    mqtt: { ...config.mqtt, url: brokerUrl },
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
    retry: (id) => client.retry(id),
    info: () => ({
      stage: 'offload',
      name: 'mqtt offload client',
      ready: client.online(),
      note: `${brokerUrl}${client.online() ? '' : ' (offline)'}`,
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
    },
  };
}
