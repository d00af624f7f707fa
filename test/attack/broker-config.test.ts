// Attacks (issue 15 §7, §8): docs/mosquitto/mosquitto.conf did not start on Mosquitto 2.0.11, and its ACL
// let a device join the summarizers' shared subscription, taking (and dropping) its share of every
// kiosk's requests. Real: the installed Mosquitto started with a copy of the shipped file (only ports,
// paths and certificates substituted), the shipped docs/mosquitto/accounts.sh run against it with
// mosquitto_ctrl, openssl-made certificates, and mqtt.js v5 clients as devices and workers.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForPort } from '../../engine/app/loopback-port.ts';
import { APP_ROOT } from '../../engine/paths/app-root.ts';
import { until } from '../support/attack/cli-process.ts';

const DOCS = path.join(APP_ROOT, 'docs', 'mosquitto');
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-broker-'));
const f = (name: string) => path.join(dir, name);
const ADMIN_PW = 'admin-test-pw';
let broker: ChildProcess | null = null;
let stderr = '';
let tlsPort = 0;
let localPort = 0;
const clients: MqttClient[] = [];

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

function dynsecPlugin(): string {
  const listed = execFileSync('dpkg', ['-L', 'mosquitto'], { encoding: 'utf8' });
  const so = listed.split('\n').find((l) => l.endsWith('mosquitto_dynamic_security.so'));
  if (!so || !existsSync(so))
    throw new Error('mosquitto_dynamic_security.so is not installed (Debian package mosquitto)');
  return so;
}

/** The shipped file with only what differs on a test machine replaced; every other line is as shipped. */
function testCopyOfShippedConf(): string {
  const shipped = readFileSync(path.join(DOCS, 'mosquitto.conf'), 'utf8');
  const subs: [RegExp, string][] = [
    [/^listener 8883$/m, `listener ${tlsPort} 127.0.0.1`],
    [/^listener 1883 127\.0\.0\.1$/m, `listener ${localPort} 127.0.0.1`],
    [/^plugin \/usr\/lib\/x86_64-linux-gnu\/mosquitto_dynamic_security\.so$/m, `plugin ${dynsecPlugin()}`],
    [/^plugin_opt_config_file .*$/m, `plugin_opt_config_file ${f('dynamic-security.json')}`],
    [/^persistence_location .*$/m, `persistence_location ${dir}/`],
    [/^cafile .*$/m, `cafile ${f('ca.crt')}`],
    [/^certfile .*$/m, `certfile ${f('broker.crt')}`],
    [/^keyfile .*$/m, `keyfile ${f('broker.key')}`],
  ];
  let conf = shipped;
  for (const [re, to] of subs) {
    expect(re.test(conf), `shipped mosquitto.conf has ${re}`).toBe(true);
    conf = conf.replace(re, to);
  }
  // As root Mosquitto would switch to the `mosquitto` user, who cannot read this test's private dir.
  return `user ${os.userInfo().username}\nlog_dest stderr\nlog_type error\nlog_type warning\n${conf}`;
}

async function login(user: string, password: string, port = localPort): Promise<MqttClient> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
    protocolVersion: 5,
    clientId: user,
    username: user,
    password,
    reconnectPeriod: 0,
  });
  clients.push(c);
  return c;
}

function accounts(kind: 'device' | 'summarizer', name: string): void {
  execFileSync('sh', [path.join(DOCS, 'accounts.sh'), kind, name], {
    env: {
      ...process.env,
      ACCOUNT_PASSWORD: `pw-${name}`,
      MOSQUITTO_CTRL_ARGS: `-h 127.0.0.1 -p ${localPort} -u admin -P ${ADMIN_PW}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

beforeAll(async () => {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=vk attack CA',
  );
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('broker.key'),
    '-out',
    f('broker.csr'),
    '-subj',
    '/CN=localhost',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    f('broker.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('broker.crt'),
    '-days',
    '2',
    '-extfile',
    f('san.ext'),
  );
  execFileSync('mosquitto_ctrl', ['dynsec', 'init', f('dynamic-security.json'), 'admin', ADMIN_PW], {
    stdio: 'ignore',
  });
  tlsPort = await freePort();
  localPort = await freePort();
  writeFileSync(f('mosquitto.conf'), testCopyOfShippedConf());
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.endAsync(true).catch(() => undefined);
  if (broker && broker.exitCode === null) {
    const gone = new Promise((r) => broker!.once('exit', r));
    broker.kill('SIGKILL');
    await gone;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('attack: the shipped broker config', () => {
  it('starts on the installed Mosquitto (2.0.11) and listens on both of its listeners', async () => {
    broker = spawn('mosquitto', ['-c', f('mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    broker.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const alive = () => broker!.exitCode === null && broker!.signalCode === null;
    try {
      await waitForPort(localPort, 10_000, alive);
      await waitForPort(tlsPort, 10_000, alive);
    } catch (err) {
      throw new Error(`${(err as Error).message}; mosquitto said: ${stderr.trim()}`, { cause: err });
    }
    expect(alive()).toBe(true);
    // Anonymous clients are refused on both listeners.
    await expect(
      mqtt.connectAsync(`mqtt://127.0.0.1:${localPort}`, { protocolVersion: 5, reconnectPeriod: 0 }),
    ).rejects.toThrow(/Not authorized|Bad User Name/);
  });

  it('a device cannot join $share/summarizers; the workers receive every request', async () => {
    accounts('summarizer', 'summarizer-1');
    accounts('summarizer', 'summarizer-2');
    accounts('device', 'kiosk-a');
    accounts('device', 'kiosk-b');
    const a = await login('kiosk-a', 'pw-kiosk-a');
    const b = await login('kiosk-b', 'pw-kiosk-b');
    await expect(a.subscribeAsync('$share/summarizers/kiosk/v1/+/req', { qos: 1 })).rejects.toThrow(
      /Not authorized/,
    );
    await expect(a.subscribeAsync('kiosk/v1/+/req', { qos: 1 })).rejects.toThrow(/Not authorized/);
    await expect(a.subscribeAsync('kiosk/v1/kiosk-b/res', { qos: 1 })).rejects.toThrow(/Not authorized/);
    expect(await a.subscribeAsync('kiosk/v1/kiosk-a/res', { qos: 1 })).toMatchObject([{ qos: 1 }]);

    const got: string[] = [];
    for (const name of ['summarizer-1', 'summarizer-2']) {
      const w = await login(name, `pw-${name}`);
      w.on('message', (_t, payload) => got.push(payload.toString()));
      await w.subscribeAsync('$share/summarizers/kiosk/v1/+/req', { qos: 1 });
    }
    const sent = Array.from({ length: 20 }, (_, i) => `job-${i}`);
    for (const s of sent) await b.publishAsync('kiosk/v1/kiosk-b/req', s, { qos: 1 });
    await until('all 20 requests at the workers', () => got.length >= 20, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect([...got].sort()).toEqual([...sent].sort());
    // Still a device's own lane only: publishing another kiosk's request is refused.
    await expect(a.publishAsync('kiosk/v1/kiosk-b/req', 'forged', { qos: 1 })).rejects.toThrow(
      /Not authorized/,
    );

    // The TLS listener takes the same accounts.
    const tls = await mqtt.connectAsync(`mqtts://127.0.0.1:${tlsPort}`, {
      protocolVersion: 5,
      username: 'kiosk-a',
      password: 'pw-kiosk-a',
      reconnectPeriod: 0,
      ca: readFileSync(f('ca.crt')),
    });
    clients.push(tls);
    expect(tls.connected).toBe(true);
  });
});
