import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs mosquitto under a tiny sh watchdog whose stdin is a pipe from the kiosk. The kiosk never writes
 * to it, so `read` returns only when the kiosk's end closes — when the kiosk exits, however it exits,
 * kill -9 included (the kernel closes its fds) — and the watchdog then stops the broker with SIGTERM
 * (mosquitto saves its persistence file on TERM). The portable equivalent of PR_SET_PDEATHSIG, and it
 * costs one dash process. The watchdog prints the broker's pid first so the kiosk can record it.
 */
const WATCHDOG = [
  'mosquitto -c "$1" </dev/null &',
  'b=$!',
  'echo "$b"',
  'exec 3<&0',
  '{ read -r _ <&3; kill -TERM "$b" 2>/dev/null; } &',
  'w=$!',
  'wait "$b"',
  'rc=$?',
  'kill "$w" 2>/dev/null',
  'exit "$rc"',
].join('\n');

export interface SupervisedBroker {
  /** The watchdog (sh) process; its exit means the broker is gone. */
  child: ChildProcess;
  /** The mosquitto process itself. */
  brokerPid: Promise<number>;
  exited: Promise<void>;
  stderr(): string;
}

/** Starts mosquitto with `conf` under the watchdog; the caller waits for the port. */
export function spawnSupervisedMosquitto(conf: string): SupervisedBroker {
  const child = spawn('sh', ['-c', WATCHDOG, 'vk-broker-watchdog', conf], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const brokerPid = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^(\d+)\n/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`broker watchdog exited: ${stderr.trim()}`)));
  });
  brokerPid.catch(() => undefined);
  child.once('error', () => undefined);
  // The pipe must never keep the event loop alive or be closed by anything but our exit or close().
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, brokerPid, exited, stderr: () => stderr };
}

/** Stops a supervised broker: closing the pipe is the signal; SIGKILL if it has not gone within `graceMs`. */
export async function stopSupervisedMosquitto(b: SupervisedBroker, graceMs = 5000): Promise<void> {
  if (b.child.exitCode !== null || b.child.signalCode !== null) return;
  b.child.stdin?.end();
  const t = setTimeout(() => {
    void b.brokerPid.then((pid) => signal(pid, 'SIGKILL'));
    b.child.kill('SIGKILL');
  }, graceMs);
  await b.exited;
  clearTimeout(t);
}

/** The file recording which mosquitto this data dir's kiosk started, for the next start to check. */
export function writeBrokerPidFile(file: string, pid: number, conf: string): void {
  writeFileSync(file, JSON.stringify({ pid, conf }) + '\n');
}

export function removeBrokerPidFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * Stops brokers a crashed kiosk left running on this data dir: the pid in the pid file, and on Linux any
 * process whose command line is exactly `mosquitto -c <conf>` (our config path, inside our persistence
 * dir). A pid is only signalled after its command line is checked, so a reused pid or someone else's
 * mosquitto is never touched. Call it only while holding the data dir's broker lock: then no live
 * kiosk owns such a broker. Returns the pids stopped.
 */
export async function stopStaleBrokers(pidFile: string, conf: string): Promise<number[]> {
  const candidates = new Set<number>();
  try {
    const rec = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid?: unknown };
    if (typeof rec.pid === 'number') candidates.add(rec.pid);
  } catch {
    // no pid file (first start, or a clean shutdown removed it)
  }
  if (process.platform === 'linux') {
    for (const name of safeReaddir('/proc')) if (/^\d+$/.test(name)) candidates.add(Number(name));
  }
  const ours = [...candidates].filter((pid) => pid !== process.pid && isOurBroker(pid, conf));
  for (const pid of ours) signal(pid, 'SIGTERM');
  const until = Date.now() + 5000;
  while (ours.some((pid) => isOurBroker(pid, conf)) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
  for (const pid of ours) if (isOurBroker(pid, conf)) signal(pid, 'SIGKILL');
  removeBrokerPidFile(pidFile);
  return ours;
}

function isOurBroker(pid: number, conf: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return (
      state !== 'Z' &&
      path.basename(argv[0] ?? '') === 'mosquitto' &&
      argv[1] === '-c' &&
      argv[2] === conf &&
      argv.length === 3
    );
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
