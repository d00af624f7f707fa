/**
 * Keeps the engine process alive under the Electron shell (after wyoming-satellite's lifecycle):
 * start it, wait for its ready line, restart it after a growing, jittered delay when it dies, and
 * stop it cleanly. Electron's utilityProcess is injected as a factory, so this state machine is
 * tested without the Electron binary.
 */

export type EngineState = 'stopped' | 'starting' | 'running' | 'waiting-to-restart' | 'stopping';

/** What the supervisor needs from a child process (utilityProcess in the shell, a fake-free child in tests). */
export interface EngineProcess {
  onStdoutLine(listener: (line: string) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type EngineProcessFactory = () => EngineProcess;

export interface SupervisorOptions {
  spawn: EngineProcessFactory;
  /** First restart delay; doubles per crash up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** A process that stayed up this long resets the delay to the first one. */
  stableAfterMs?: number;
  /** How long a start may take before the process is killed and counted as a crash. */
  readyTimeoutMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  now?: () => number;
}

export type SupervisorEvent =
  | { type: 'state'; state: EngineState }
  | { type: 'ready'; url: string }
  | { type: 'crashed'; code: number | null; restartInMs: number };

/** The exact line `voice-kiosk start` prints when its UI is being served. */
export const READY_LINE = /^voice-kiosk: UI at (http:\/\/127\.0\.0\.1:\d+\/)\s*$/;

/** Parses the engine's ready line; null for any other output. */
export function parseReadyLine(line: string): string | null {
  return READY_LINE.exec(line)?.[1] ?? null;
}

export class EngineSupervisor {
  private state: EngineState = 'stopped';
  private proc: EngineProcess | null = null;
  private timer: unknown = null;
  private delay: number;
  private startedAt = 0;
  private readonly listeners = new Set<(e: SupervisorEvent) => void>();
  private readonly o: Required<Omit<SupervisorOptions, 'spawn'>> & { spawn: EngineProcessFactory };
  url: string | null = null;
  restarts = 0;

  constructor(opts: SupervisorOptions) {
    this.o = {
      restartDelayMs: 1000,
      maxRestartDelayMs: 30_000,
      stableAfterMs: 60_000,
      readyTimeoutMs: 120_000,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      now: Date.now,
      ...opts,
    };
    this.delay = this.o.restartDelayMs;
  }

  get current(): EngineState {
    return this.state;
  }

  on(listener: (e: SupervisorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.launch();
  }

  /** Stops the engine and does not restart it. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.clear();
    if (this.proc) {
      this.set('stopping');
      this.proc.kill();
    } else this.set('stopped');
  }

  private launch(): void {
    this.url = null;
    this.set('starting');
    const proc = this.o.spawn();
    this.proc = proc;
    this.startedAt = this.o.now();
    this.timer = this.o.setTimer(() => {
      if (this.proc === proc && this.state === 'starting') proc.kill();
    }, this.o.readyTimeoutMs);
    proc.onStdoutLine((line) => {
      if (this.proc !== proc || this.state !== 'starting') return;
      const url = parseReadyLine(line);
      if (!url) return;
      this.clear();
      this.url = url;
      this.set('running');
      this.emit({ type: 'ready', url });
    });
    proc.onExit((code) => this.exited(proc, code));
  }

  private exited(proc: EngineProcess, code: number | null): void {
    if (this.proc !== proc) return;
    this.proc = null;
    this.url = null;
    this.clear();
    if (this.state === 'stopping' || this.state === 'stopped') {
      this.set('stopped');
      return;
    }
    if (this.o.now() - this.startedAt >= this.o.stableAfterMs) this.delay = this.o.restartDelayMs;
    const wait = Math.round(this.delay * (0.8 + this.o.random() * 0.4));
    this.delay = Math.min(this.o.maxRestartDelayMs, this.delay * 2);
    this.restarts += 1;
    this.set('waiting-to-restart');
    this.emit({ type: 'crashed', code, restartInMs: wait });
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      if (this.state === 'waiting-to-restart') this.launch();
    }, wait);
  }

  private clear(): void {
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
  }

  private set(state: EngineState): void {
    if (state === this.state) return;
    this.state = state;
    this.emit({ type: 'state', state });
  }

  private emit(e: SupervisorEvent): void {
    for (const l of this.listeners) l(e);
  }
}
