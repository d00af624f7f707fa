import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EMBEDDING_SIZE, OWW_CHUNK_SAMPLES } from '../openwakeword-features.ts';
import { renderClip, type AugmentSpec } from './augment.ts';
import type { ClipEmbedder } from './clip-embeddings.ts';
import { seededRandom } from '../../random/seeded-random.ts';
import { speak, type VoiceSpec } from './tts-voices.ts';

export const WINDOW = 16; // embeddings per head input, as every upstream head
const SR = 16000;
const MS = SR / 1000;

export type ClipKind = 'positive' | 'near-miss' | 'speech' | 'noise';

/** One clip to make: text (empty for noise), how to say it, what to do to it, and where it goes. */
export interface ClipJob {
  kind: ClipKind;
  split: 'train' | 'val';
  text: string;
  voice?: VoiceSpec;
  aug: AugmentSpec;
  leadMs: number;
  tailMs: number;
  seed: number;
}

/** A made clip: its embeddings (rows × 96, from chunk `firstChunk`) and which windows are what. */
export interface ClipFeatures {
  kind: ClipKind;
  split: 'train' | 'val';
  text: string;
  voice: string;
  rows: number;
  /** Window-end row indices (within this clip's rows) labelled positive / negative. */
  positive: number[];
  negative: number[];
  /** For positives: window ends at which a streaming detector counts a hit (phrase end −80 … +640 ms). */
  hitWindow: number[];
}

function ends(rowsFrom: number, fromChunk: number, toChunkExcl: number): number[] {
  const out: number[] = [];
  for (let c = Math.max(fromChunk, rowsFrom + WINDOW - 1); c < toChunkExcl; c++) out.push(c - rowsFrom);
  return out;
}

/** Synthesizes, augments and embeds one clip, labelling its windows relative to the phrase end. */
export async function makeClip(
  job: ClipJob,
  embedder: ClipEmbedder,
  babble: Float32Array | undefined,
  tmpDir: string,
): Promise<{ meta: ClipFeatures; emb: Float32Array }> {
  const rand = seededRandom(job.seed);
  const speech = job.voice && job.text ? await speak(job.text, job.voice, tmpDir) : new Int16Array(0);
  const lead = Math.round(job.leadMs * MS);
  const total = lead + speech.length + Math.round(job.tailMs * MS);
  const samples = renderClip(speech, lead, total, job.aug, rand, babble);
  const chunks = Math.floor(total / OWW_CHUNK_SAMPLES);
  const chunkEnd = (c: number) => (c + 1) * OWW_CHUNK_SAMPLES; // sample index where chunk c ends
  const meta: ClipFeatures = {
    kind: job.kind,
    split: job.split,
    text: job.text,
    voice: job.voice ? `${job.voice.engine}/${job.voice.voice}` : 'noise',
    rows: 0,
    positive: [],
    negative: [],
    hitWindow: [],
  };
  if (job.kind === 'positive') {
    const endSample = lead + speech.length;
    const firstEnd = Math.max(0, Math.ceil((endSample - 640 * MS) / OWW_CHUNK_SAMPLES) - 1);
    const fromChunk = Math.max(0, firstEnd - WINDOW + 1);
    const rowsTo = chunks;
    const emb = await embedder.embed(samples.subarray(0, rowsTo * OWW_CHUNK_SAMPLES), fromChunk);
    for (const r of ends(fromChunk, firstEnd, rowsTo)) {
      const at = chunkEnd(r + fromChunk);
      if (at >= endSample - 80 * MS && at <= endSample + 400 * MS) meta.positive.push(r);
      else if (at <= endSample - 480 * MS) meta.negative.push(r); // the phrase cut short: "hey green…"
      if (at >= endSample - 80 * MS && at <= endSample + 640 * MS) meta.hitWindow.push(r);
    }
    return { meta: { ...meta, rows: emb.length }, emb: flatten(emb) };
  }
  const emb = await embedder.embed(samples.subarray(0, chunks * OWW_CHUNK_SAMPLES), 0);
  meta.negative = ends(0, WINDOW - 1, chunks);
  return { meta: { ...meta, rows: emb.length }, emb: flatten(emb) };
}

function flatten(rows: Float32Array[]): Float32Array {
  const out = new Float32Array(rows.length * EMBEDDING_SIZE);
  rows.forEach((r, i) => out.set(r, i * EMBEDDING_SIZE));
  return out;
}

/** All clips' features in one buffer (rows × 96) with each clip's first row. */
export interface FeatureSet {
  x: Float32Array;
  clips: (ClipFeatures & { firstRow: number })[];
}

const PART_SIZE = 50;

/**
 * Makes every job's features, PART_SIZE clips per checkpoint file in `workDir`: an interrupted run
 * resumes at the first missing part (files are written to .tmp and renamed, so a part is whole or absent).
 */
export async function buildFeatures(
  jobs: ClipJob[],
  embedder: ClipEmbedder,
  workDir: string,
  babble: Float32Array | undefined,
  onClip: (done: number, total: number, resumed: boolean) => void,
  signal?: AbortSignal,
): Promise<FeatureSet> {
  await mkdir(workDir, { recursive: true });
  const parts: { metas: ClipFeatures[]; x: Float32Array }[] = [];
  let done = 0;
  for (let p = 0; p * PART_SIZE < jobs.length; p++) {
    const metaFile = path.join(workDir, `part-${String(p).padStart(4, '0')}.json`);
    const dataFile = metaFile.replace(/\.json$/, '.f32');
    const slice = jobs.slice(p * PART_SIZE, (p + 1) * PART_SIZE);
    const saved =
      existsSync(metaFile) && existsSync(dataFile)
        ? (JSON.parse(await readFile(metaFile, 'utf8')) as ClipFeatures[])
        : null;
    // A part from a shorter plan (jobs appended since) is rebuilt; a whole one is reused.
    if (saved && saved.length === slice.length) {
      const metas = saved;
      const buf = await readFile(dataFile);
      parts.push({
        metas,
        x: new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)),
      });
      done += slice.length;
      onClip(done, jobs.length, true);
      continue;
    }
    const metas: ClipFeatures[] = [];
    const embs: Float32Array[] = [];
    // Two clips in flight: one synthesizer process runs while the other clip is embedded.
    let next = 0;
    const results: ({ meta: ClipFeatures; emb: Float32Array } | undefined)[] = new Array(slice.length);
    const worker = async () => {
      while (next < slice.length) {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
        const i = next++;
        results[i] = await makeClip(slice[i]!, embedder, babble, workDir);
        done++;
        onClip(done, jobs.length, false);
      }
    };
    await Promise.all([worker(), worker()]);
    for (const r of results) {
      metas.push(r!.meta);
      embs.push(r!.emb);
    }
    const x = new Float32Array(embs.reduce((n, e) => n + e.length, 0));
    let off = 0;
    for (const e of embs) {
      x.set(e, off);
      off += e.length;
    }
    await writeFile(`${dataFile}.tmp`, Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    await rename(`${dataFile}.tmp`, dataFile);
    await writeFile(`${metaFile}.tmp`, JSON.stringify(metas));
    await rename(`${metaFile}.tmp`, metaFile);
    parts.push({ metas, x });
  }
  const total = parts.reduce((n, p) => n + p.x.length, 0);
  const x = new Float32Array(total);
  const clips: FeatureSet['clips'] = [];
  let row = 0;
  for (const part of parts) {
    x.set(part.x, row * EMBEDDING_SIZE);
    for (const m of part.metas) {
      clips.push({ ...m, firstRow: row });
      row += m.rows;
    }
  }
  return { x, clips };
}
