import path from 'node:path';
import { buildBackend } from '../../cloud/compose.ts';
import { SummarizerService } from '../../cloud/service/summarizer-service.ts';
import { SqliteJobStore } from '../../cloud/store/sqlite-job-store.ts';
import { resolvePath } from './config/load.ts';
import type { KioskConfig } from '../contracts/config.ts';
import type { StageInfo } from '../contracts/audio.ts';
import type { JobState } from '../contracts/events.ts';
import type { StaffCallPayload } from '../contracts/mqtt.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import { OffloadClient } from '../offload/offload-client.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import type { EventBus } from '../pipeline/event-bus.ts';

/** The offload client as the rest of the engine uses it (a subset of OffloadClient). */
export interface OffloadLink {
  online(): boolean;
  status(): { online: boolean; queued: number };
  enqueueSummary(meetingId: string): { jobId: string; state: JobState };
  enqueueAnswer(question: string, context?: string): string;
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
 * Starts the embedded summarizer (config.summarizer.embedded: the extractive backend, its job store
 * in the data dir, serving only this kiosk) and the kiosk's offload client. The client connects in
 * the background and retries forever, so a broker that is down only means "offline, N queued".
 */
export async function startOffload(opts: {
  config: KioskConfig;
  brokerUrl: string;
  store: KioskStore;
  bus: EventBus;
  log: Logger;
}): Promise<OffloadWiring> {
  const { config, brokerUrl, store, bus, log } = opts;
  const notices: string[] = [];
  let summarizer: SummarizerService | null = null;
  if (config.summarizer.embedded) {
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
  const link: OffloadLink = {
    online: () => client.online(),
    status: () => client.status(),
    enqueueSummary: (id) => client.enqueueSummary(id),
    enqueueAnswer: (q, c) => client.enqueueAnswer(q, c),
    enqueueStaffCall: (p) => client.enqueueStaffCall(p),
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
      await client.stop();
      await summarizer?.stop();
    },
  };
}
