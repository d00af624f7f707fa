import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import path from 'node:path';
import { APP_ROOT } from '../../../engine/app/config/load.ts';

export const BIN = path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs');
/** The machine's Mosquitto (started by bin/setup-system.sh test): no embedded broker to leave behind on kill -9. */
export const LOCAL_MQTT = 'mqtt://127.0.0.1:1883';
const READY = /^voice-kiosk: UI at (http:\/\/127\.0\.0\.1:(\d+)\/)$/m;

export interface AttackKiosk {
  url: string;
  port: number;
  pid: number;
  stderr(): string;
  /** SIGKILL to the whole process group, as a power cut or OOM kill would; resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (then SIGKILL after 10 s) to the process group. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dir: string;
  db?: string;
  mqtt?: string;
  env?: Record<string, string>;
  args?: string[];
  /** The staff PIN set with `voice-kiosk staff set-pin` before the start (there is no default PIN); null: none. */
  pin?: string | null;
}

/** The staff PIN the attack kiosks are given, as a shop owner sets one on day one. */
export const ATTACK_PIN = '1234';

/**
 * The REAL kiosk as an attacker meets it: `voice-kiosk start --port 0 --no-electron --db …` in its
 * own process group (so a kill reaches every child), no microphone, no embedded summarizer.
 */
/** Sets a staff PIN with the real `voice-kiosk staff set-pin`, as a shop owner does on day one. */
export function setStaffPin(dir: string, db: string, pin: string = ATTACK_PIN): void {
  execFileSync(process.execPath, [BIN, 'staff', 'set-pin', '--name', 'Test Staff', '--db', db], {
    cwd: dir,
    input: `${pin}\n`,
    env: { ...process.env, VOICE_KIOSK_PATHS_DATA_DIR: dir },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

export async function startAttackKiosk(o: StartOptions): Promise<AttackKiosk> {
  const db = o.db ?? path.join(o.dir, 'kiosk.db');
  const pin = o.pin === undefined ? ATTACK_PIN : o.pin;
  if (pin !== null) setStaffPin(o.dir, db, pin);
  const args = [
    BIN,
    'start',
    '--port',
    '0',
    '--no-electron',
    '--no-mic',
    '--db',
    db,
  ];
  args.push('--mqtt', o.mqtt ?? LOCAL_MQTT, ...(o.args ?? []));
  const child = spawn(process.execPath, args, {
    cwd: o.dir,
    detached: true,
    env: {
      ...process.env,
      VOICE_KIOSK_DEVICE_ID: `attack-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      VOICE_KIOSK_SUMMARIZER_EMBEDDED: 'false',
      VOICE_KIOSK_PATHS_DATA_DIR: o.dir,
      VOICE_KIOSK_TTS_ENGINE: 'none',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const m = await waitReady(child, () => stderr).catch(async (e: Error) => {
    await killGroup(child, 'SIGKILL');
    throw e;
  });
  return {
    url: m[1]!,
    port: Number(m[2]),
    pid: child.pid!,
    stderr: () => stderr,
    kill9: () => killGroup(child, 'SIGKILL'),
    stop: () => killGroup(child, 'SIGTERM'),
  };
}

function waitReady(child: ChildProcess, err: () => string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`kiosk not ready after 90 s\nstderr: ${err().slice(-3000)}`)),
      90_000,
    );
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(READY);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`kiosk exited with ${code ?? signal} before it was ready\nstderr: ${err().slice(-3000)}`),
      );
    });
  });
}

async function killGroup(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const send = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // The group is already gone.
    }
  };
  send(signal);
  const timer = setTimeout(() => send('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with exactly the headers given (fetch would not let a test forge Host). */
export function rawRequest(
  port: number,
  pathname: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: init.method ?? 'GET',
        headers: init.headers,
        setHost: !init.headers?.host,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(init.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`no answer to ${pathname} in ${init.timeoutMs ?? 30_000} ms`)),
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** POST /api/<name> as the kiosk's own screen would send it (JSON, same-origin). */
export function apiCall(
  port: number,
  name: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<
  RawResponse & {
    json: {
      ok: boolean;
      value?: Record<string, unknown>;
      error?: { code: string; message: string; detail?: Record<string, unknown> };
    };
  }
> {
  return rawRequest(port, `/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).then((r) => ({ ...r, json: JSON.parse(r.body) as never }));
}
