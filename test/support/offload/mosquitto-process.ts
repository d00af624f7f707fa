import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from '../../../engine/app/loopback-port.ts';

export { freePort };

/**
 * A private Mosquitto for tests that must stop or reconfigure a broker (the shared one on 1883 is
 * left alone): own port, own temp dir, killed with SIGKILL like a crash, restartable on the same port.
 */
export class MosquittoProcess {
  readonly dir: string;
  readonly url: string;
  private child: ChildProcess | null = null;
  private stderr = '';

  private constructor(
    readonly port: number,
    private readonly extraConfig: string[],
  ) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'vk-mosq-'));
    this.url = `mqtt://127.0.0.1:${port}`;
  }

  /** Starts a broker; `extraConfig` lines are appended to the listener (e.g. acl_file, password_file). */
  static async start(extraConfig: string[] = []): Promise<MosquittoProcess> {
    const m = new MosquittoProcess(await freePort(), extraConfig);
    await m.restart();
    return m;
  }

  get confFile(): string {
    return path.join(this.dir, 'mosquitto.conf');
  }

  async restart(): Promise<void> {
    const lines = [
      `listener ${this.port} 127.0.0.1`,
      'persistence false',
      ...(this.extraConfig.some((l) => l.startsWith('allow_anonymous')) ? [] : ['allow_anonymous true']),
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      ...this.extraConfig,
    ];
    writeFileSync(this.confFile, lines.join('\n') + '\n');
    const child = spawn('mosquitto', ['-c', this.confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child = child;
    try {
      await waitForPort(this.port, 5000, () => child.exitCode === null && child.signalCode === null);
    } catch (err) {
      throw new Error(`mosquitto: ${(err as Error).message}; stderr: ${this.stderr}`, { cause: err });
    }
  }

  /** SIGKILL, like a crash; resolves once the process is gone. */
  async kill(): Promise<void> {
    const c = this.child;
    this.child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get log(): string {
    return this.stderr;
  }
}
