import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../../engine/paths/app-root.ts';

/**
 * A `voice-kiosk …` CLI run as its own process group, the way a crash test needs it: the group can be
 * killed whole (what a power cut or `kill -9 -PGID` kills) or only its node process (what the OOM
 * killer kills), and the test sees every line it wrote.
 */
export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static spawn(args: string[], opts: { cwd: string; env?: Record<string, string> }): CliProcess {
    const child = spawn(process.execPath, [path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs'), ...args], {
      cwd: opts.cwd,
      env: { ...process.env, VOICE_KIOSK_LOG_LEVEL: 'info', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so the test can kill the group like a crash does
    });
    return new CliProcess(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first match of `re` in stdout or stderr; rejects (with the output) after `timeoutMs`. */
  async waitFor(
    re: RegExp,
    timeoutMs = 60_000,
    stream: 'stdout' | 'stderr' | 'any' = 'any',
  ): Promise<RegExpExecArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const text =
        stream === 'stdout'
          ? this.stdout
          : stream === 'stderr'
            ? this.stderr
            : `${this.stdout}\n${this.stderr}`;
      const m = re.exec(text);
      if (m) return m;
      if (Date.now() > until || !this.running)
        throw new Error(
          `no ${re} (${this.running ? 'timeout' : 'process exited'}); stderr: ${this.stderr.slice(-3000)}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Signals the whole process group (ignores a group that is already gone). */
  killGroup(signal: NodeJS.Signals = 'SIGKILL'): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Pids of live processes whose command line contains every one of `parts` (Linux /proc). */
export function processesMatching(...parts: string[]): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      if (state !== 'Z' && parts.every((p) => cmd.includes(p))) out.push(Number(name));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** Resident set size of one process in MiB, or null once it is gone. */
export function rssMiB(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Polls until `check` is truthy or the time is up. */
export async function until<T>(
  what: string,
  check: () => T | null | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
