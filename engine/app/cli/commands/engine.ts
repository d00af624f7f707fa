import { EngineError } from '../../../errors/engine-error.ts';
import { createLogger } from '../../../log/logger.ts';
import { createKioskEngine } from '../../kiosk-engine.ts';
import type { CliCommand } from '../cli-command.ts';
import { kioskConfig, parseKioskArgs } from './kiosk-options.ts';

const USAGE = 'usage: voice-kiosk engine --mqtt URL [--db PATH] [--device ID] [--config FILE]';

export const command: CliCommand = {
  summary:
    'the kiosk-side relay: publishes queued jobs whenever the broker is reachable, stores results (until SIGINT/SIGTERM)',
  async run(argv) {
    const { values } = parseKioskArgs(argv, {}, USAGE);
    const config = kioskConfig(values);
    if (!config.mqtt.url)
      throw new EngineError('bad-input', `engine needs a broker: --mqtt URL or config mqtt.url\n${USAGE}`, {
        stage: 'offload',
      });
    const log = createLogger('engine', { deviceId: config.device.id });
    // The composition root in relay mode: the same store, retention purge, metrics, offload client and
    // shutdown as the kiosk, with the conversation, audio, API and UI off.
    const relay = await createKioskEngine(config, {
      mode: 'relay',
      log,
      // Job and connectivity events as JSON lines on stderr, so an operator can follow the relay.
      observe: (bus) =>
        bus.subscribe((e) => {
          if (e.type === 'job' || e.type === 'connectivity' || e.type === 'summary')
            log.info(`event ${e.type}`, {
              event: e.type === 'summary' ? { ...e, text: `${e.text.length} chars` } : e,
            });
        }),
    });
    log.info('relay started', { db: relay.store.file, queued: relay.offload?.status().queued ?? 0 });

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    log.info('stopping', { signal });
    await relay.close();
    return 0;
  },
};
