import { SAMPLE_RATE } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import { floatToInt16, resample } from './resample.ts';

export interface WavFormat {
  /** 'pcm' = integer samples (8-bit unsigned, 16/24/32-bit signed), 'float' = IEEE 32/64-bit. */
  encoding: 'pcm' | 'float';
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

export interface DecodedWav {
  /** 16 kHz mono, whatever the file held. */
  samples: Int16Array;
  sampleRate: typeof SAMPLE_RATE;
  durationMs: number;
  /** The file's own format, before resampling and downmixing. */
  source: WavFormat;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
// sox and arecord write this data size when they stream a WAV to a pipe and cannot seek back.
const UNKNOWN_SIZE = 0xffffffff;

function bad(name: string, why: string): EngineError {
  return new EngineError('bad-audio', `${name}: ${why}`, { stage: 'audio', detail: { file: name } });
}

/**
 * Decodes any PCM WAV (8/16/24/32-bit integer, 32/64-bit float, any rate, any channel count) into the
 * engine's 16 kHz mono Int16. Pure: no file access, so the API, tests and ASR can reuse it on buffers.
 * Non-WAV, truncated, empty or unsupported input throws EngineError 'bad-audio' naming `name`.
 */
export function decodeWav(buffer: Uint8Array, name: string): DecodedWav {
  const { format, data } = parseWav(buffer, name);
  const mono = toMonoFloat(data, format);
  const samples = floatToInt16(resample(mono, format.sampleRate, SAMPLE_RATE));
  return {
    samples,
    sampleRate: SAMPLE_RATE,
    durationMs: (mono.length / format.sampleRate) * 1000,
    source: format,
  };
}

/** Splits a WAV into its format and raw sample bytes, validating everything a decoder relies on. */
export function parseWav(buffer: Uint8Array, name: string): { format: WavFormat; data: Uint8Array } {
  if (buffer.length === 0) throw bad(name, 'empty file (0 bytes), not a WAV');
  if (buffer.length < 12) throw bad(name, `not a WAV file (only ${buffer.length} bytes)`);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const tag = (at: number) =>
    String.fromCharCode(buffer[at]!, buffer[at + 1]!, buffer[at + 2]!, buffer[at + 3]!);
  if (tag(0) === 'RIFX' || tag(0) === 'RF64')
    throw bad(name, `unsupported WAV variant ${tag(0)} (use little-endian RIFF)`);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw bad(name, 'not a WAV file (no RIFF/WAVE header)');

  let format: WavFormat | null = null;
  let offset = 12;
  while (offset + 8 <= buffer.length) {
    const id = tag(offset);
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'data') {
      if (!format) throw bad(name, "'data' chunk before 'fmt ' chunk");
      if (size === UNKNOWN_SIZE) size = buffer.length - body;
      if (body + size > buffer.length) {
        throw bad(
          name,
          `truncated WAV: data chunk declares ${size} bytes but only ${buffer.length - body} are present`,
        );
      }
      const frameBytes = (format.bitsPerSample / 8) * format.channels;
      if (size === 0) throw bad(name, 'WAV contains no audio samples');
      if (size % frameBytes !== 0)
        throw bad(
          name,
          `truncated WAV: ${size} data bytes is not a whole number of ${frameBytes}-byte frames`,
        );
      return { format, data: buffer.subarray(body, body + size) };
    }
    if (body + size > buffer.length)
      throw bad(name, `truncated WAV: '${id.trim()}' chunk runs past the end of the file`);
    if (id === 'fmt ') format = parseFmt(view, body, size, name);
    offset = body + size + (size & 1); // chunks are word-aligned
  }
  throw bad(name, format ? "truncated WAV: no 'data' chunk" : "truncated WAV: no 'fmt ' chunk");
}

/** Reads a `fmt ` chunk body (shared with the streaming reader, wav-stream.ts). */
export function parseFmt(view: DataView, at: number, size: number, name: string): WavFormat {
  if (size < 16) throw bad(name, `'fmt ' chunk too short (${size} bytes)`);
  let tagValue = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (tagValue === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw bad(name, 'WAVE_FORMAT_EXTENSIBLE header too short');
    tagValue = view.getUint16(at + 24, true); // first two bytes of the sub-format GUID
  }
  let encoding: WavFormat['encoding'];
  if (tagValue === WAVE_FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) encoding = 'pcm';
  else if (tagValue === WAVE_FORMAT_IEEE_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64))
    encoding = 'float';
  else
    throw bad(
      name,
      `unsupported WAV encoding (format tag ${tagValue}, ${bitsPerSample}-bit); use PCM 8/16/24/32-bit or float 32/64-bit`,
    );
  if (channels < 1) throw bad(name, 'WAV declares 0 channels');
  if (sampleRate < 4000 || sampleRate > 384_000) throw bad(name, `unsupported sample rate ${sampleRate} Hz`);
  return { encoding, sampleRate, channels, bitsPerSample };
}

/** Converts interleaved sample bytes to mono float by averaging channels. */
export function toMonoFloat(data: Uint8Array, f: WavFormat): Float32Array {
  const bytes = f.bitsPerSample / 8;
  const frames = data.length / (bytes * f.channels);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = sampleReader(view, f);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < f.channels; c++) sum += read((i * f.channels + c) * bytes);
    out[i] = sum / f.channels;
  }
  return out;
}

function sampleReader(view: DataView, f: WavFormat): (at: number) => number {
  if (f.encoding === 'float')
    return f.bitsPerSample === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  switch (f.bitsPerSample) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) =>
        (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}
