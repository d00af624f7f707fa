import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { APP_ROOT } from '../../../engine/app/config/load.ts';

const BIN = path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs');
export const MQTT_URL = 'mqtt://127.0.0.1:1883';
const READY = /^voice-kiosk: UI at (http:\/\/127\.0\.0\.1:\d+\/)$/m;

export interface KioskProcess {
  url: string;
  deviceId: string;
  dir: string;
  /** Everything the process wrote to stderr (JSON log lines), for failure messages. */
  stderr(): string;
  stop(): Promise<void>;
  /** What a crash or power cut does: SIGKILL, no clean shutdown; the data dir is kept for a restart. */
  kill9(): Promise<void>;
}

/** Waits for a line on a child's stdout, failing with the child's stderr if it exits or times out. */
function waitForLine(child: ChildProcess, re: RegExp, err: () => string, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ready line after ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err().slice(-3000)}`)), timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(re);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code ?? signal} before it was ready\nstderr: ${err().slice(-3000)}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs the REAL kiosk as a user would: `voice-kiosk start --port 0 --db <tmp> --mqtt <local
 * Mosquitto> --no-electron`, with a unique device id (so parallel files never share MQTT topics),
 * no microphone (unless env sets VOICE_KIOSK_AUDIO_MIC_ENABLED=true) and no embedded summarizer (the tests start the real one when they want answers).
 */
export async function startKiosk(
  env: Record<string, string> = {},
  reuse: { dir?: string; deviceId?: string } = {},
): Promise<KioskProcess> {
  const dir = reuse.dir ?? mkdtempSync(path.join(os.tmpdir(), 'vk-e2e-'));
  const deviceId = reuse.deviceId ?? `e2e-${randomUUID().slice(0, 8)}`;
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--db', path.join(dir, 'kiosk.db'), '--mqtt', MQTT_URL, '--no-electron', ...(env.VOICE_KIOSK_AUDIO_MIC_ENABLED === 'true' ? [] : ['--no-mic'])], {
    cwd: dir,
    env: {
      ...process.env,
      VOICE_KIOSK_DEVICE_ID: deviceId,
      VOICE_KIOSK_SUMMARIZER_EMBEDDED: 'false',
      VOICE_KIOSK_PATHS_DATA_DIR: dir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const m = await waitForLine(child, READY, () => stderr, 90_000).catch(async (e: Error) => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  return {
    url: m[1]!,
    deviceId,
    dir,
    stderr: () => stderr,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
    kill9: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs `voice-kiosk <args>` once (e.g. `staff set-pin --db …` with the PIN on stdin), as a shop owner would. */
export function runCli(args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin!.end(input);
  });
}

/**
 * Runs the cloud helper's real summarizer (`voice-kiosk summarizer`) against the local Mosquitto,
 * serving only this test's kiosk: other suites share the broker, and a worker on the shared
 * subscription without a device filter would take (and answer) their jobs too.
 */
export async function startSummarizer(deviceId: string): Promise<{ stop(): Promise<void>; stderr(): string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-e2e-sum-'));
  const child = spawn(process.execPath, [BIN, 'summarizer', '--mqtt', MQTT_URL, '--devices', deviceId, '--store', `sqlite:${path.join(dir, 'jobs.db')}`], {
    cwd: dir,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout!.resume();
  await new Promise((r) => setTimeout(r, 500));
  if (child.exitCode !== null) throw new Error(`summarizer exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
  return {
    stderr: () => stderr,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
