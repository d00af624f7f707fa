import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { StageInfo } from '../contracts/audio.ts';
import { onPath } from '../audio/microphone-source.ts';
import { acquireExclusiveLock, type ExclusiveLock } from '../store/exclusive-lock.ts';
import { newBrokerLogins, writeBrokerAuthFiles, type EmbeddedBrokerLogins } from './broker-credentials.ts';
import {
  removeBrokerPidFile,
  spawnSupervisedMosquitto,
  stopStaleBrokers,
  stopSupervisedMosquitto,
  writeBrokerPidFile,
} from './broker-supervision.ts';
import { freePort, waitForPort } from './loopback-port.ts';

/** The MQTT broker `npm start` runs beside the engine when config.mqtt.url is null. */
export interface EmbeddedBroker {
  readonly url: string;
  readonly kind: 'mosquitto' | 'aedes';
  /** The per-start accounts of the offload client and the embedded summarizer (null for aedes). */
  readonly logins: EmbeddedBrokerLogins | null;
  info(): StageInfo;
  close(): Promise<void>;
}

/**
 * Starts a loopback broker on a free port. Mosquitto (Debian package) is preferred because the job
 * protocol is MQTT v5 (correlation data, message expiry) and aedes 1.x refuses v5 clients
 * ("Unacceptable protocol version"); aedes is the fallback so the kiosk still starts, and says why
 * summaries cannot be offloaded with it.
 *
 * Mosquitto runs as a supervised child that cannot outlive the kiosk (broker-supervision.ts), under a
 * lock on its persistence dir, and after stopping any broker a crashed kiosk left on that dir; it
 * refuses anonymous clients and knows only two fresh random accounts (`logins`).
 */
export async function startEmbeddedBroker(opts: {
  dataDir: string;
  /** The one device this broker serves (its topics are the only ones the accounts may use). */
  deviceId?: string;
  prefer?: 'mosquitto' | 'aedes';
}): Promise<EmbeddedBroker> {
  const useMosquitto = (opts.prefer ?? 'mosquitto') === 'mosquitto' && onPath('mosquitto');
  if (useMosquitto) {
    const dir = path.resolve(opts.dataDir, 'mosquitto');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    // Two kiosks on one persistence dir would corrupt it; the second is refused with the first's pid.
    const lock = acquireExclusiveLock(path.join(dir, 'broker.lock'), 'the embedded broker of voice-kiosk start');
    let last: unknown;
    try {
      // A port found free can be taken before mosquitto binds it; try a few.
      for (let i = 0; i < 3; i++) {
        try {
          return await startMosquitto(dir, await freePort(), opts.deviceId ?? 'kiosk-1', lock);
        } catch (err) {
          last = err;
        }
      }
    } catch (err) {
      last = err;
    }
    lock.release();
    // Still start: the kiosk answers without a broker, and aedes' note says what is missing.
    return startAedes(`mosquitto did not start (${(last as Error).message})`);
  }
  return startAedes(onPath('mosquitto') ? 'aedes requested' : 'mosquitto is not installed');
}

async function startMosquitto(dir: string, port: number, deviceId: string, lock: ExclusiveLock): Promise<EmbeddedBroker> {
  const conf = path.join(dir, 'mosquitto.conf');
  const pidFile = path.join(dir, 'mosquitto.pid');
  // We hold the dir's lock, so a mosquitto running with this config belongs to a kiosk that died.
  await stopStaleBrokers(pidFile, conf);
  const logins = newBrokerLogins();
  const passwordFile = path.join(dir, 'passwd');
  const aclFile = path.join(dir, 'acl');
  writeBrokerAuthFiles({ passwordFile, aclFile }, logins, deviceId);
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      // Listener settings after the listener line (Mosquitto 2.0 would otherwise open a default listener).
      'allow_anonymous false',
      `password_file ${passwordFile}`,
      `acl_file ${aclFile}`,
      // Run as whoever started the kiosk: as root mosquitto would switch to a user that cannot write dataDir.
      `user ${os.userInfo().username}`,
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 30',
      `log_dest file ${path.join(dir, 'mosquitto.log')}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const broker = spawnSupervisedMosquitto(conf);
  const alive = () => broker.child.exitCode === null && broker.child.signalCode === null;
  try {
    writeBrokerPidFile(pidFile, await broker.brokerPid, conf);
    await waitForPort(port, 10_000, alive);
  } catch (err) {
    await stopSupervisedMosquitto(broker, 1000);
    removeBrokerPidFile(pidFile);
    throw new Error(`mosquitto not listening on ${port}: ${broker.stderr().trim() || (err as Error).message}`, { cause: err });
  }
  const url = `mqtt://127.0.0.1:${port}`;
  return {
    url,
    kind: 'mosquitto',
    logins,
    info: () => ({ stage: 'offload', name: 'embedded mosquitto', ready: alive(), note: `${url}, password login only` }),
    async close() {
      await stopSupervisedMosquitto(broker);
      removeBrokerPidFile(pidFile);
      lock.release();
    },
  };
}

async function startAedes(why: string): Promise<EmbeddedBroker> {
  const { Aedes } = await import('aedes');
  const aedes = await Aedes.createBroker();
  const server = net.createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    kind: 'aedes',
    logins: null,
    info: () => ({
      stage: 'offload',
      name: 'embedded aedes',
      ready: true,
      note: `${url}; ${why}; aedes speaks MQTT 3.1.1 only, so the v5 job protocol cannot run: install mosquitto`,
    }),
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await new Promise<void>((r) => aedes.close(() => r()));
    },
  };
}
