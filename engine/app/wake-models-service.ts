import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WakeModelRow, WakeStatus } from '../contracts/api.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import { isKeywordModelPath, loadKeywordModelFile } from '../wake/keyword-model-file.ts';
import { checkPhrase } from '../wake/training/phonetics.ts';
import type { WakeWordDetector } from '../wake/wake-word-detector.ts';
import type { SwitchableWake } from '../pipeline/switchable-wake.ts';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'voice-kiosk.mjs');

export interface WakeModelsOptions {
  wake: SwitchableWake;
  /** Where trained models go and where the active choice is remembered (`<dataDir>/wake`). */
  dir: string;
  /** Builds a detector for wake.keywords-style entries (the composition root's settings). */
  build: (keywords: string[]) => Promise<WakeWordDetector>;
  /** The config's keywords: what "previous" falls back to. */
  configured: readonly string[];
  log: Logger;
}

interface ActiveState {
  active: string[];
  previous: string[] | null;
}

/** Reads the staff's last activation (if any): it overrides config.wake.keywords at start-up. */
export async function readActiveWake(dir: string): Promise<ActiveState | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, 'active.json'), 'utf8')) as ActiveState;
  } catch {
    return null;
  }
}

/**
 * Trains keyword models in a child process (`voice-kiosk wake train --progress-json`, its own process
 * group, so the kiosk's event loop never runs the trainer and a cancel kills the synthesizers too),
 * and switches the live wake stage between models, remembering the choice across restarts.
 */
export class WakeModelsService {
  private child: ChildProcess | null = null;
  private training: WakeStatus['training'] = { state: 'idle' };
  private state: ActiveState;

  constructor(
    private readonly opts: WakeModelsOptions,
    initial: ActiveState | null,
  ) {
    this.state = initial ?? { active: [...opts.configured], previous: null };
  }

  async status(): Promise<WakeStatus> {
    const models: WakeModelRow[] = [];
    const seen = new Set<string>();
    const add = async (m: string) => {
      if (seen.has(m)) return;
      seen.add(m);
      const row = await describe(m);
      if (row) models.push(row);
    };
    for (const m of this.state.active) await add(m);
    for (const m of this.opts.configured) await add(m);
    const trainedDir = path.join(this.opts.dir, 'models');
    if (existsSync(trainedDir))
      for (const f of readdirSync(trainedDir)
        .filter((f) => f.endsWith('.onnx'))
        .sort())
        await add(path.join(trainedDir, f));
    if (!seen.has('hey_jarvis')) await add('hey_jarvis');
    return {
      active: models.filter((m) => this.state.active.includes(m.model)),
      previous: this.state.previous,
      models,
      training: { ...this.training },
      trying: this.opts.wake.candidateScore(),
    };
  }

  async train(phrase: string, minutes?: number): Promise<WakeStatus> {
    if (this.child)
      throw new EngineError('conflict', `a wake word is already being trained ('${this.training.phrase}')`, {
        stage: 'wake',
      });
    const verdict = checkPhrase(phrase);
    if (!verdict.ok)
      throw new EngineError('bad-input', `cannot train '${phrase}': ${verdict.reason}`, { stage: 'wake' });
    const out = path.join(this.opts.dir, 'models');
    await mkdir(out, { recursive: true });
    const args = [
      CLI,
      'wake',
      'train',
      '--phrase',
      phrase,
      '--out',
      out,
      '--progress-json',
      ...(minutes ? ['--minutes', String(minutes)] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    this.training = { state: 'running', phrase, fraction: 0, detail: 'starting' };
    let buffered = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const msg = JSON.parse(line) as {
            progress?: { fraction: number; etaSec: number; detail: string; phase: string };
            result?: { model: string };
          };
          if (msg.progress)
            this.training = {
              ...this.training,
              fraction: msg.progress.fraction,
              etaSec: Math.round(msg.progress.etaSec),
              detail: `${msg.progress.phase}: ${msg.progress.detail}`,
            };
          if (msg.result) this.training = { ...this.training, model: msg.result.model };
        } catch {
          /* not a progress line */
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-2000)));
    child.on('exit', (code, signal) => {
      this.child = null;
      if (this.training.state === 'cancelled') return;
      if (code === 0 && this.training.model)
        this.training = { ...this.training, state: 'done', fraction: 1, etaSec: 0 };
      else
        this.training = {
          ...this.training,
          state: 'failed',
          error: stderr.trim().split('\n').at(-1) || `trainer exited with ${code ?? signal}`,
        };
      this.opts.log.info('wake training finished', { phrase, state: this.training.state });
    });
    return this.status();
  }

  async cancel(): Promise<WakeStatus> {
    if (this.child?.pid) {
      this.training = { ...this.training, state: 'cancelled', detail: 'cancelled (starting again resumes)' };
      stopGroup(this.child.pid);
    }
    return this.status();
  }

  async tryModel(model: string | null): Promise<WakeStatus> {
    this.opts.wake.setCandidate(model, model ? await this.opts.build([model]) : null);
    return this.status();
  }

  async activate(model: string): Promise<WakeStatus> {
    await this.switchTo([model], this.state.active);
    return this.status();
  }

  async rollback(): Promise<WakeStatus> {
    const back = this.state.previous ?? [...this.opts.configured];
    await this.switchTo(back, null);
    return this.status();
  }

  /** Stops a running training (process group) — the kiosk is shutting down. */
  close(): void {
    if (this.child?.pid) stopGroup(this.child.pid);
  }

  private async switchTo(keywords: string[], previous: string[] | null): Promise<void> {
    // Build first: a broken model is refused and the current one keeps running.
    const detector = await this.opts.build(keywords);
    this.opts.wake.swap(detector);
    this.state = { active: keywords, previous };
    await mkdir(this.opts.dir, { recursive: true });
    const file = path.join(this.opts.dir, 'active.json');
    await writeFile(`${file}.tmp`, JSON.stringify(this.state));
    await rename(`${file}.tmp`, file);
    this.opts.log.info('wake word switched', { keywords });
  }
}

async function describe(model: string): Promise<WakeModelRow | null> {
  if (!isKeywordModelPath(model))
    return {
      model,
      keyword: model,
      phrase: model.replace(/_/g, ' '),
      threshold: 0.5,
      licence: 'CC-BY-NC-SA-4.0 (openWakeWord pretrained: non-commercial)',
    };
  try {
    const { sidecar } = await loadKeywordModelFile(model);
    const v = sidecar.validation as { recall?: number; faPerHour?: number; negativeHours?: number };
    return {
      model,
      keyword: sidecar.keyword,
      phrase: sidecar.phrase,
      threshold: sidecar.threshold,
      ...(sidecar.patience !== undefined ? { patience: sidecar.patience } : {}),
      licence: sidecar.licence,
      ...(v.recall !== undefined ? { recall: v.recall } : {}),
      ...(v.faPerHour !== undefined ? { faPerHour: v.faPerHour } : {}),
      ...(v.negativeHours !== undefined ? { negativeHours: v.negativeHours } : {}),
      trainedAt: sidecar.trainedAt,
    };
  } catch {
    return null;
  }
}

/** How long the trainer gets to stop on SIGTERM (it finishes its checkpoint) before its group is killed. */
const STOP_GRACE_MS = 3000;

/**
 * Stops a training process group: SIGTERM lets the trainer stop between clips, SIGKILL follows when it
 * is stuck in a long synchronous step (a training batch on a loaded machine) — the checkpoints it has
 * written make the next start resume either way.
 */
function stopGroup(pid: number): void {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
      return true;
    } catch {
      return false; // already gone
    }
  };
  if (signal('SIGTERM')) setTimeout(() => signal('SIGKILL'), STOP_GRACE_MS).unref();
}
