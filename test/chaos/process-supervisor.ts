import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * Keeps one child process alive through the chaos run, the way systemd would on the appliance:
 * whatever kills it (a fault point's SIGKILL, our own kill -9, a crash), it is started again after a
 * short delay. Each start can get a different environment, which is how the schedule arms a new
 * fault point for every life of the process.
 */
export interface SupervisedSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Environment for the Nth start (0-based). */
  env: (start: number) => NodeJS.ProcessEnv;
  /** Appended with every life's stdout and stderr. */
  logFile: string;
  restartDelayMs?: number;
  /** A job that ends: exit code 0 means finished, not crashed, so it is not restarted. */
  oneShot?: boolean;
}

export interface ExitRecord {
  start: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when we killed it ourselves (kill9 from outside or stop). */
  byUs: boolean;
}

export class ProcessSupervisor {
  private child: ChildProcess | null = null;
  private wanted = false;
  private killingByUs = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private exitedPromise: Promise<void> = Promise.resolve();
  private readonly log: WriteStream;
  readonly exits: ExitRecord[] = [];
  starts = 0;

  constructor(private readonly spec: SupervisedSpec) {
    this.log = createWriteStream(spec.logFile, { flags: 'a' });
  }

  get name(): string {
    return this.spec.name;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the child and keeps restarting it until stop(). */
  start(): void {
    this.wanted = true;
    if (!this.child && !this.restartTimer) this.spawnOne();
  }

  /** kill -9 from outside (power cut, OOM killer); the supervisor restarts it as for any other death. */
  async kill9(): Promise<boolean> {
    const child = this.child;
    if (!child) return false;
    this.killingByUs = true;
    child.kill('SIGKILL');
    await this.exitedPromise;
    return true;
  }

  /** Stops for good: SIGTERM, then SIGKILL after a grace period. */
  async stop(graceMs = 5000): Promise<void> {
    this.wanted = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (child) {
      this.killingByUs = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.exitedPromise;
      clearTimeout(timer);
    }
  }

  /** Ends supervision and closes the log file. */
  async dispose(): Promise<void> {
    await this.stop();
    await new Promise<void>((r) => this.log.end(() => r()));
  }

  /** True once a oneShot child has exited with code 0. */
  get finished(): boolean {
    return !this.wanted && !this.child && this.exits.some((e) => e.code === 0);
  }

  /** Waits until the current life has started (the child exists); for ordered scenarios. */
  async waitRunning(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.child) {
      if (Date.now() > end) throw new Error(`${this.spec.name} did not restart within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private spawnOne(): void {
    const start = this.starts++;
    const env = this.spec.env(start);
    const armed = env.VOICE_KIOSK_FAULTS ? ` armed ${env.VOICE_KIOSK_FAULTS}` : '';
    this.log.write(`--- ${this.spec.name} start #${start} at ${new Date().toISOString()}${armed}\n`);
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.on('error', (err) =>
      this.log.write(`--- ${this.spec.name} #${start} spawn error: ${err.message}\n`),
    );
    child.stdout?.on('data', (d: Buffer) => this.log.write(d));
    child.stderr?.on('data', (d: Buffer) => this.log.write(d));
    this.exitedPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const byUs = this.killingByUs;
        this.killingByUs = false;
        this.exits.push({ start, code, signal, byUs });
        this.log.write(
          `--- ${this.spec.name} #${start} exited code=${code} signal=${signal}${byUs ? ' (by supervisor)' : ''}\n`,
        );
        this.child = null;
        if (this.spec.oneShot && code === 0) this.wanted = false;
        if (this.wanted) {
          this.restartTimer = setTimeout(() => {
            this.restartTimer = null;
            if (this.wanted) this.spawnOne();
          }, this.spec.restartDelayMs ?? 100);
        }
        resolve();
      });
    });
  }
}
