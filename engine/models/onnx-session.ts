import * as ort from 'onnxruntime-node';
import { EngineError } from '../errors/engine-error.ts';
import type { Stage } from '../contracts/errors.ts';
import { verifiedModelPath, type ModelLocation } from './verified-path.ts';
import { disableOnnxTelemetry } from './onnx-telemetry.ts';

disableOnnxTelemetry();

// One intra-op thread: the models here are tiny (≤ 2 MB) and run every 32–80 ms, so thread hand-off
// costs more than it saves, and on a Pi the other cores are needed by ASR and the LLM.
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};

// Sessions hold no per-stream state (recurrent state is passed in as tensors), so one session per
// verified file is shared by every detector in the process.
const sessions = new Map<string, Promise<ort.InferenceSession>>();

/** Opens (once per process) an onnxruntime-node session for a manifest model, after its sha256 check. */
export async function openModelSession(id: string, stage: Stage, loc: ModelLocation = {}): Promise<ort.InferenceSession> {
  const file = await verifiedModelPath(id, loc);
  let pending = sessions.get(file);
  if (!pending) {
    pending = ort.InferenceSession.create(file, SESSION_OPTIONS).catch((err: unknown) => {
      sessions.delete(file);
      throw new EngineError('internal', `onnxruntime could not load model '${id}' from ${file}: ${(err as Error).message}`, {
        stage,
        detail: { model: id, file },
        cause: err,
      });
    });
    sessions.set(file, pending);
  }
  return pending;
}

export { ort };

/** Opens (once per process) a session for a model file outside the manifest — a keyword head trained here. */
export async function openFileSession(file: string, stage: Stage): Promise<ort.InferenceSession> {
  let pending = sessions.get(file);
  if (!pending) {
    pending = ort.InferenceSession.create(file, SESSION_OPTIONS).catch((err: unknown) => {
      sessions.delete(file);
      throw new EngineError('bad-input', `onnxruntime could not load ${file}: ${(err as Error).message}`, { stage, detail: { file }, cause: err });
    });
    sessions.set(file, pending);
  }
  return pending;
}
