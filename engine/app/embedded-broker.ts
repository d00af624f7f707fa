import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { StageInfo } from '../contracts/audio.ts';
import { onPath } from '../audio/microphone-source.ts';
import { freePort, waitForPort } from './loopback-port.ts';

/** The MQTT broker `npm start` runs beside the engine when config.mqtt.url is null. */
export interface EmbeddedBroker {
  readonly url: string;
  readonly kind: 'mosquitto' | 'aedes';
  info(): StageInfo;
  close(): Promise<void>;
}

/**
 * Starts a loopback broker on a free port. Mosquitto (Debian package) is preferred because the job
 * protocol is MQTT v5 (correlation data, message expiry) and aedes 1.x refuses v5 clients
 * ("Unacceptable protocol version"); aedes is the fallback so the kiosk still starts, and says why
 * summaries cannot be offloaded with it.
 */
export async function startEmbeddedBroker(opts: {
  dataDir: string;
  prefer?: 'mosquitto' | 'aedes';
}): Promise<EmbeddedBroker> {
  const useMosquitto = (opts.prefer ?? 'mosquitto') === 'mosquitto' && onPath('mosquitto');
  if (useMosquitto) {
    let last: unknown;
    // A port found free can be taken before mosquitto binds it; try a few.
    for (let i = 0; i < 3; i++) {
      try {
        return await startMosquitto(opts.dataDir, await freePort());
      } catch (err) {
        last = err;
      }
    }
    // Still start: the kiosk answers without a broker, and aedes' note says what is missing.
    return startAedes(`mosquitto did not start (${(last as Error).message})`);
  }
  return startAedes(onPath('mosquitto') ? 'aedes requested' : 'mosquitto is not installed');
}

async function startMosquitto(dataDir: string, port: number): Promise<EmbeddedBroker> {
  const dir = path.resolve(dataDir, 'mosquitto');
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      // Run as whoever started the kiosk: as root mosquitto would switch to a user that cannot write dataDir.
      `user ${os.userInfo().username}`,
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 30',
      `log_dest file ${path.join(dir, 'mosquitto.log')}`,
      '',
    ].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('error', () => undefined);
  try {
    await waitForPort(port, 10_000, () => alive(child));
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`mosquitto not listening on ${port}: ${stderr.trim() || (err as Error).message}`, { cause: err });
  }
  const url = `mqtt://127.0.0.1:${port}`;
  return {
    url,
    kind: 'mosquitto',
    info: () => ({ stage: 'offload', name: 'embedded mosquitto', ready: alive(child), note: url }),
    async close() {
      if (alive(child)) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
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
