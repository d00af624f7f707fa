import type { KioskConfig } from '../contracts/config.ts';
import type { StageInfo } from '../contracts/audio.ts';
import type { Logger } from '../log/logger.ts';
import { EventBus } from '../pipeline/event-bus.ts';
import { resolvePath } from '../paths/app-root.ts';
import { DeferredWrites } from '../store/deferred-writes.ts';
import { KIOSK_BUSY_TIMEOUT_MS, openKioskStoreFromConfig, type KioskStore } from '../store/kiosk-store.ts';
import { StoreHealthMonitor } from '../store/store-health.ts';
import type { PurgeReport } from '../store/retention.ts';
import { createEngineMetrics, type EngineMetrics } from './api/metrics.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { startOffload, type OffloadLink } from './offload-wiring.ts';

/** Retention runs at start and then this often, in every mode (transcripts older than retention.transcriptDays). */
export const PURGE_EVERY_MS = 3600_000;

export interface EngineCoreOptions {
  log: Logger;
  /** Start the broker/summarizer/offload client (default true); `run` replays skip them. */
  offload?: boolean;
  /** Start the embedded summarizer beside the offload client (default config.summarizer.embedded). */
  embeddedSummarizer?: boolean;
  /** Start an embedded broker when mqtt.url is null (default true; the relay needs a real one). */
  embeddedBroker?: boolean;
  /** Names this process in the store's relay lock (e.g. 'voice-kiosk engine'). */
  lockOwner?: string;
  /** The clock retention measures age against (tests pass a fixed one). */
  now?: () => Date;
  /** Subscribes before anything can publish (the relay logs every job event from the first). */
  observe?: (bus: EventBus) => void;
}

/**
 * What every mode of the product has, whatever else it runs: the event bus, the store, the retention
 * purge, the metrics, the offload link and one ordered shutdown. createKioskEngine builds this first
 * and adds the conversation on top; the relay is this alone.
 */
export interface EngineCore {
  config: KioskConfig;
  log: Logger;
  bus: EventBus;
  store: KioskStore;
  /** Writes that may meet another process's lock: queued and retried off the request path. */
  writes: DeferredWrites;
  /** The store's health, answered from memory (/health never touches the DB). */
  storeHealth: StoreHealthMonitor;
  metrics: EngineMetrics;
  brokerUrl: string | null;
  offload: OffloadLink | null;
  broker: EmbeddedBroker | null;
  /** Runs the retention purge now (it also runs at start and every PURGE_EVERY_MS). */
  purge(): PurgeReport | null;
  /** A warning for the operator (log) and the UI (a notice event). */
  notice(code: string, message: string): void;
  /** Registers a shutdown step; steps run in reverse order of registration. */
  onClose(step: () => Promise<void> | void): void;
  /** What the core services say about themselves, for /health. */
  info(): StageInfo[];
  close(): Promise<void>;
}

/** Opens the store, purges expired transcripts, starts metrics and offload; one close() undoes it all. */
export async function startEngineCore(config: KioskConfig, opts: EngineCoreOptions): Promise<EngineCore> {
  const { log } = opts;
  const bus = new EventBus();
  opts.observe?.(bus);
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) {
      try {
        await c();
      } catch (err) {
        log.warn('shutdown step failed', { error: (err as Error).message });
      }
    }
  };
  const notice = (code: string, message: string) => {
    log.warn(message, { code });
    bus.publish({
      type: 'notice',
      correlationId: 'system',
      atMs: bus.now(),
      level: 'warning',
      code,
      message,
    });
  };

  try {
    // A short busy timeout: another process holding the write lock must not stall this event loop.
    const store = openKioskStoreFromConfig(config, { busyTimeoutMs: KIOSK_BUSY_TIMEOUT_MS });
    closers.push(() => store.close());
    let storeHealth: StoreHealthMonitor | null = null;
    const writes = new DeferredWrites({
      log: log.child({ module: 'store' }),
      onWriteOutcome: (ok, e) => storeHealth?.noteWrite(ok, e),
    });
    closers.push(() => writes.close());
    const health = new StoreHealthMonitor(store.db, store.file, {
      pendingWrites: () => writes.pending,
      openJobs: () => store.outbox.openCount(),
    }).start();
    storeHealth = health;
    closers.push(() => health.stop());

    const now = opts.now ?? (() => new Date());
    const purge = (): PurgeReport | null => {
      try {
        const r = store.purge(now());
        if (r.utterances + r.segments + r.outboxJobs + r.answers > 0) log.info('retention purge', { ...r });
        return r;
      } catch (err) {
        log.error('retention purge failed', { error: (err as Error).message });
        return null;
      }
    };
    purge();
    const purgeTimer = setInterval(purge, PURGE_EVERY_MS);
    purgeTimer.unref();
    closers.push(() => clearInterval(purgeTimer));

    const metrics = createEngineMetrics(bus);
    closers.push(() => metrics.stop());

    let broker: EmbeddedBroker | null = null;
    let offload: OffloadLink | null = null;
    let brokerUrl = config.mqtt.url;
    if (opts.offload !== false) {
      if (!brokerUrl && opts.embeddedBroker !== false) {
        const dataDir = resolvePath(config.paths.dataDir);
        broker = await startEmbeddedBroker({ dataDir, deviceId: config.device.id });
        closers.push(() => broker?.close());
        brokerUrl = broker.url;
        if (broker.kind === 'aedes')
          notice('broker-v3', `${broker.info().note ?? 'embedded aedes broker'}: summaries stay queued`);
      }
      if (brokerUrl) {
        const wired = await startOffload({
          config,
          brokerUrl,
          brokerLogins: broker?.logins ?? null,
          embeddedBroker: broker !== null,
          ...(opts.lockOwner ? { lockOwner: opts.lockOwner } : {}),
          store,
          bus,
          log: log.child({ module: 'offload' }),
          embeddedSummarizer: opts.embeddedSummarizer ?? config.summarizer.embedded,
        });
        for (const n of wired.notices) notice('offload', n);
        offload = wired.link;
        closers.push(() => wired.close());
      }
    }

    return {
      config,
      log,
      bus,
      store,
      writes,
      storeHealth: health,
      metrics,
      brokerUrl,
      offload,
      broker,
      purge,
      notice,
      onClose: (step) => void closers.push(step),
      info: () => [broker?.info(), offload?.info()].filter((s): s is StageInfo => !!s),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
