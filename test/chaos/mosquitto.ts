import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from '../../engine/app/loopback-port.ts';

export { freePort };

/**
 * The suite's own Mosquitto (the system one on 1883 must not be killed under other helpers' tests).
 * Persistence is on with the DEFAULT autosave interval (1800 s), exactly as shipped: a SIGKILL
 * therefore loses every message the broker has already PUBACKed but not yet saved — the failure the
 * kiosk's outbox and reconciliation must cover.
 */
export interface MosquittoOptions {
  /** Extra mosquitto.conf lines (e.g. max_queued_messages). */
  extraConfig?: string[];
}

export class MosquittoBroker {
  readonly dir: string;
  readonly configFile: string;
  readonly logFile: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  port = 0;
  starts = 0;
  kills = 0;

  constructor(private readonly options: MosquittoOptions = {}) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'vk-mosquitto-'));
    this.configFile = path.join(this.dir, 'mosquitto.conf');
    this.logFile = path.join(this.dir, 'mosquitto.log');
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts (or restarts, on the same port and persistence file) and waits until it accepts connections. */
  async start(): Promise<void> {
    if (this.running) return;
    if (!this.port) this.port = await freePort();
    writeFileSync(
      this.configFile,
      [
        `listener ${this.port} 127.0.0.1`,
        'allow_anonymous true',
        // As root mosquitto would drop to the `mosquitto` user, which cannot write our temp dir.
        `user ${os.userInfo().username}`,
        'persistence true',
        `persistence_location ${this.dir}/`,
        // autosave_interval deliberately NOT set: the default 1800 s is the case under test.
        // stderr, not a log file: mosquitto buffers its file log, so a kill -9 would lose the lines we count.
        'log_dest stderr',
        'log_type error',
        'log_type warning',
        'log_type notice',
        ...(this.options.extraConfig ?? []),
        '',
      ].join('\n'),
    );
    const child = spawn('mosquitto', ['-c', this.configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
      appendFileSync(this.logFile, d);
    });
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    this.starts += 1;
    try {
      await waitForPort(this.port, 10_000, () => child.exitCode === null && child.signalCode === null);
    } catch (err) {
      throw new Error(`mosquitto: ${(err as Error).message}: ${stderr.trim()}`, { cause: err });
    }
  }

  /** kill -9: no save on exit, so everything since the last autosave is lost. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.kills += 1;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** Clean stop (SIGTERM saves the persistence file), for teardown. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && this.running) {
      child.kill('SIGTERM');
      await this.exited;
    }
    this.child = null;
  }

  /** Stops the broker and removes its temp dir. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
