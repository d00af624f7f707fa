import { writeFileSync } from 'node:fs';
import { seededRandom } from '../../../engine/random/seeded-random.ts';

/**
 * Writes a minimal valid GGUF v3 file: a tiny llama-architecture model with seeded random F32 weights
 * and a small SentencePiece-style vocabulary (letters, a few word pieces, byte fallback). Its output is
 * gibberish; it exists so tests can prove node-llama-cpp loads a GGUF and generates end to end on a
 * machine where no real weights can be downloaded. Test support only.
 */
export interface TinyModelShape {
  embd: number;
  heads: number;
  layers: number;
  ff: number;
  contextLength: number;
  seed: number;
}

const DEFAULT_SHAPE: TinyModelShape = {
  embd: 64,
  heads: 4,
  layers: 2,
  ff: 128,
  contextLength: 512,
  seed: 42,
};

const T = { UINT32: 4, INT32: 5, FLOAT32: 6, BOOL: 7, STRING: 8, ARRAY: 9 } as const;
const TOKEN_TYPE = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 } as const;
const ALIGN = 32;

type Value =
  | { type: 'u32'; v: number }
  | { type: 'f32'; v: number }
  | { type: 'str'; v: string }
  | { type: 'strs'; v: string[] }
  | { type: 'f32s'; v: number[] }
  | { type: 'i32s'; v: number[] };

/** The vocabulary: <unk>, <s>, </s>, 256 byte tokens, then normal pieces. */
export function tinyVocab(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TOKEN_TYPE.UNKNOWN, TOKEN_TYPE.CONTROL, TOKEN_TYPE.CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.BYTE);
  }
  const pieces = ['▁'];
  for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,?!:;\'"-()[]<>/|_')
    pieces.push(c, `▁${c}`);
  pieces.push(
    '▁the',
    '▁store',
    '▁open',
    '▁bread',
    '▁aisle',
    '▁is',
    '▁we',
    'er',
    'in',
    'on',
    'an',
    're',
    'at',
  );
  for (const p of [...new Set(pieces)]) {
    tokens.push(p);
    types.push(TOKEN_TYPE.NORMAL);
  }
  // SentencePiece scores: longer pieces preferred when merging.
  const scores = tokens.map((t, i) =>
    types[i] === TOKEN_TYPE.NORMAL ? -1000 + t.length * 10 - i * 0.001 : 0,
  );
  return { tokens, scores, types };
}

/** Writes the model to `file` and returns its size in bytes. */
export function writeTinyLlamaGguf(file: string, shape: Partial<TinyModelShape> = {}): number {
  const s = { ...DEFAULT_SHAPE, ...shape };
  const vocab = tinyVocab();
  const nVocab = vocab.tokens.length;
  const rand = seededRandom(s.seed);
  const kv: [string, Value][] = [
    ['general.architecture', { type: 'str', v: 'llama' }],
    ['general.name', { type: 'str', v: 'voice-kiosk tiny test model (random weights)' }],
    ['general.alignment', { type: 'u32', v: ALIGN }],
    ['llama.context_length', { type: 'u32', v: s.contextLength }],
    ['llama.embedding_length', { type: 'u32', v: s.embd }],
    ['llama.block_count', { type: 'u32', v: s.layers }],
    ['llama.feed_forward_length', { type: 'u32', v: s.ff }],
    ['llama.attention.head_count', { type: 'u32', v: s.heads }],
    ['llama.attention.head_count_kv', { type: 'u32', v: s.heads }],
    ['llama.rope.dimension_count', { type: 'u32', v: s.embd / s.heads }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', v: 1e-5 }],
    ['llama.vocab_size', { type: 'u32', v: nVocab }],
    ['tokenizer.ggml.model', { type: 'str', v: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'strs', v: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32s', v: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32s', v: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', v: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', v: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', v: 2 }],
  ];
  const tensors: { name: string; dims: number[]; data: Float32Array }[] = [];
  const add = (name: string, dims: number[], init: 'ones' | 'rand', scale = 0.2) => {
    const n = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = init === 'ones' ? 1 : (rand() * 2 - 1) * scale;
    tensors.push({ name, dims, data });
    return data;
  };
  add('token_embd.weight', [s.embd, nVocab], 'rand', 0.5);
  add('output_norm.weight', [s.embd], 'ones');
  const out = add('output.weight', [s.embd, nVocab], 'rand', 1);
  // Zero logits for control and byte tokens so greedy decoding emits letters and never ends at once.
  vocab.types.forEach((type, tok) => {
    if (type !== TOKEN_TYPE.NORMAL) out.fill(0, tok * s.embd, (tok + 1) * s.embd);
  });
  for (let b = 0; b < s.layers; b++) {
    add(`blk.${b}.attn_norm.weight`, [s.embd], 'ones');
    add(`blk.${b}.attn_q.weight`, [s.embd, s.embd], 'rand');
    add(`blk.${b}.attn_k.weight`, [s.embd, s.embd], 'rand');
    add(`blk.${b}.attn_v.weight`, [s.embd, s.embd], 'rand');
    add(`blk.${b}.attn_output.weight`, [s.embd, s.embd], 'rand');
    add(`blk.${b}.ffn_norm.weight`, [s.embd], 'ones');
    add(`blk.${b}.ffn_gate.weight`, [s.embd, s.ff], 'rand');
    add(`blk.${b}.ffn_up.weight`, [s.embd, s.ff], 'rand');
    add(`blk.${b}.ffn_down.weight`, [s.ff, s.embd], 'rand');
  }

  const w = new ByteWriter();
  w.u32(0x46554747); // "GGUF"
  w.u32(3);
  w.u64(tensors.length);
  w.u64(kv.length);
  for (const [key, value] of kv) {
    w.str(key);
    writeValue(w, value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(0); // GGML_TYPE_F32
    offsets.push(offset);
    w.u64(offset);
    offset = alignUp(offset + t.data.byteLength, ALIGN);
  }
  w.pad(ALIGN);
  const dataStart = w.length;
  tensors.forEach((t, i) => {
    w.pad(ALIGN);
    if (w.length - dataStart !== offsets[i]) throw new Error(`tensor ${t.name} misaligned`);
    w.bytes(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  });
  const buf = w.finish();
  writeFileSync(file, buf);
  return buf.length;
}

function writeValue(w: ByteWriter, value: Value): void {
  switch (value.type) {
    case 'u32':
      w.u32(T.UINT32);
      w.u32(value.v);
      return;
    case 'f32':
      w.u32(T.FLOAT32);
      w.f32(value.v);
      return;
    case 'str':
      w.u32(T.STRING);
      w.str(value.v);
      return;
    case 'strs':
      w.u32(T.ARRAY);
      w.u32(T.STRING);
      w.u64(value.v.length);
      for (const x of value.v) w.str(x);
      return;
    case 'f32s':
      w.u32(T.ARRAY);
      w.u32(T.FLOAT32);
      w.u64(value.v.length);
      for (const x of value.v) w.f32(x);
      return;
    case 'i32s':
      w.u32(T.ARRAY);
      w.u32(T.INT32);
      w.u64(value.v.length);
      for (const x of value.v) w.i32(x);
      return;
  }
}

class ByteWriter {
  private chunks: Buffer[] = [];
  length = 0;
  private push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  bytes(b: Uint8Array): void {
    this.push(Buffer.from(b));
  }
  pad(align: number): void {
    const rem = this.length % align;
    if (rem) this.push(Buffer.alloc(align - rem));
  }
  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

