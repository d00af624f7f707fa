import { EngineError } from '../../errors/engine-error.ts';
import { createLogger } from '../../log/logger.ts';
import { OffloadClient } from '../../offload/offload-client.ts';
import { EventBus } from '../../pipeline/event-bus.ts';
import { openKioskStoreFromConfig } from '../../store/kiosk-store.ts';
import type { CliCommand } from '../main.ts';
import { kioskConfig, parseKioskArgs } from './kiosk-options.ts';

const USAGE = 'usage: voice-kiosk engine --mqtt URL [--db PATH] [--device ID] [--config FILE]';
const PURGE_EVERY_MS = 3600_000;

export const command: CliCommand = {
  usage: USAGE,
  summary:
    'the kiosk-side relay: publishes queued jobs whenever the broker is reachable, stores results (until SIGINT/SIGTERM)',
  async run(argv) {
    const { values } = parseKioskArgs(argv, {}, USAGE);
    const config = kioskConfig(values);
    const url = config.mqtt.url;
    if (!url)
      throw new EngineError('bad-input', `engine needs a broker: --mqtt URL or config mqtt.url\n${USAGE}`, {
        stage: 'offload',
      });
    const log = createLogger('engine', { deviceId: config.device.id });
    const store = openKioskStoreFromConfig(config);
    const bus = new EventBus();
    // Job and connectivity events as JSON lines on stderr, so an operator can follow the relay.
    bus.subscribe((e) => {
      if (e.type === 'job' || e.type === 'connectivity' || e.type === 'summary')
        log.info(`event ${e.type}`, {
          event: e.type === 'summary' ? { ...e, text: `${e.text.length} chars` } : e,
        });
    });
    const client = new OffloadClient({
      store,
      deviceId: config.device.id,
      mqtt: { ...config.mqtt, url },
      offload: config.offload,
      bus,
    });
    const purge = () => {
      try {
        const r = store.purge();
        if (r.utterances + r.segments + r.outboxJobs + r.answers > 0) log.info('retention purge', { ...r });
      } catch (err) {
        log.error('retention purge failed', { error: (err as Error).message });
      }
    };
    purge();
    const purgeTimer = setInterval(purge, PURGE_EVERY_MS);
    client.start();
    log.info('relay started', { db: store.file, queued: client.status().queued });

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    log.info('stopping', { signal });
    clearInterval(purgeTimer);
    await client.stop();
    store.close();
    return 0;
  },
};
