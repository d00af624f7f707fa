import path from 'node:path';
import { WavFileSource } from '../../../audio/wav-file-source.ts';
import { loadConfig } from '../../config/load.ts';
import type { KioskConfigInput } from '../../../contracts/config.ts';
import type { PipelineEvent } from '../../../contracts/events.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { createLogger } from '../../../log/logger.ts';
import { InteractionTimeline } from '../../../pipeline/interaction-timeline.ts';
import { createKioskEngine } from '../../kiosk-engine.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseFlags } from './cli-args.ts';
import { audioLimits } from './audio-limits.ts';

const SETTLE_TIMEOUT_MS = 60_000;

const USAGE = `usage: voice-kiosk run --input FILE.wav [--realtime] [--json] [--db PATH] [--config FILE] [--speech-dir DIR]
  --input FILE.wav  the audio fed through wake → VAD → ASR → reply, as a live turn (stored in the db)
  --realtime        feed the file at real-time pace instead of as fast as possible
  --json            one JSON object per event, then one timing line per interaction
  --speech-dir DIR  keep the spoken replies as WAV files there (default: none kept)`;

export const command: CliCommand = {
  usage: USAGE,
  summary: 'feed a WAV file through the live pipeline: --input FILE.wav [--realtime] [--json] [--db PATH]',
  async run(argv) {
    const flags = parseFlags(argv, {
      values: ['input', 'db', 'config', 'speech-dir', 'max-file-bytes', 'max-file-ms'],
      switches: ['realtime', 'json'],
    });
    if (typeof flags.input !== 'string')
      throw new EngineError('bad-input', 'give the audio with --input FILE.wav', { stage: 'audio' });
    const overrides: KioskConfigInput = { audio: { micEnabled: false } };
    if (typeof flags.db === 'string') overrides.paths = { db: path.resolve(flags.db) };
    const config = loadConfig({
      overrides,
      ...(typeof flags.config === 'string' ? { file: flags.config } : {}),
    });
    const source = new WavFileSource(path.resolve(flags.input), {
      realtime: flags.realtime === true,
      limits: audioLimits(flags, config.audio),
    });
    await source.probe(); // a missing, oversized or broken file fails here, before any model loads
    const json = flags.json === true;
    const out = (line: string) => process.stdout.write(line + '\n');
    const timeline = new InteractionTimeline();
    // Replies are synthesized (for the timing lines) but kept only where --speech-dir asks: no temp folder.
    const speechDir = typeof flags['speech-dir'] === 'string' ? path.resolve(flags['speech-dir']) : null;

    const engine = await createKioskEngine(config, {
      audio: source,
      api: false,
      offload: false,
      speechDir,
      ...(speechDir ? { keepSpeechFiles: 10_000 } : {}),
      log: createLogger('run'),
    });
    if (engine.modelChecksumFailures.length > 0) {
      await engine.close();
      const list = engine.modelChecksumFailures.map((m) => `${m.stage}: ${m.note ?? m.name}`).join('; ');
      throw new EngineError('model-checksum', `a model failed its checksum, so this run would not test the real pipeline: ${list}`, {
        stage: 'models',
      });
    }
    // By interaction, not by 'listening' event: a "did you mean" listens again within the same one.
    const opened = new Set<string>();
    const settled = new Set<string>();
    engine.bus.subscribe((e) => {
      timeline.add(e);
      if (e.type === 'listening') opened.add(e.correlationId);
      if (e.type === 'idle') settled.add(e.correlationId);
      out(json ? JSON.stringify(e) : human(e));
    });
    try {
      await engine.audioDone;
      engine.runner.endOfStream();
      await waitUntil(() => engine.runner.phase === 'idle' && settled.size >= opened.size, SETTLE_TIMEOUT_MS);
      for (const t of timeline.all()) {
        out(
          json
            ? JSON.stringify({ type: 'timing', ...t })
            : `timing ${t.correlationId}: ${JSON.stringify(t.stages)}`,
        );
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};

function human(e: PipelineEvent): string {
  const { type, atMs, correlationId, ...rest } = e;
  return `${String(atMs).padStart(6)} ms  ${type.padEnd(18)} ${correlationId.slice(0, 8)}  ${JSON.stringify(rest)}`;
}

async function waitUntil(ok: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end)
      throw new EngineError('timeout', `the pipeline did not return to idle within ${timeoutMs} ms`, {
        stage: 'pipeline',
      });
    await new Promise((r) => setTimeout(r, 20));
  }
}
