import { open, type FileHandle } from 'node:fs/promises';
import { SAMPLE_RATE } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import { floatToInt16, StreamingResampler } from './resample.ts';
import { parseFmt, toMonoFloat, type WavFormat } from './wav-decode.ts';

/** Caps checked before any sample is decoded (config audio.maxFileBytes / audio.maxFileMs). */
export interface AudioInputLimits {
  maxFileBytes: number;
  maxFileMs: number;
}

/** Generous enough for a 3-hour meeting recording, small enough that a mistake cannot fill the disk or RAM. */
export const DEFAULT_AUDIO_LIMITS: AudioInputLimits = {
  maxFileBytes: 1024 * 1024 * 1024,
  maxFileMs: 4 * 3600_000,
};

/** What a WAV file holds, read from its header alone. */
export interface WavHeader {
  format: WavFormat;
  /** Byte offset and length of the sample data. */
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
  fileBytes: number;
}

const UNKNOWN_SIZE = 0xffffffff;
/** Sample bytes read per step: memory per open file is this plus the resampler's reach. */
const BLOCK_BYTES = 256 * 1024;
// A header that needs more than this many chunks before 'data' is not a recording we made or want.
const MAX_CHUNKS = 1024;

function bad(name: string, why: string, code: 'bad-audio' | 'too-large' = 'bad-audio'): EngineError {
  return new EngineError(code, `${name}: ${why}`, { stage: 'audio', detail: { file: name } });
}

/**
 * Opens a WAV file and validates everything before decoding: it must be a regular file (a device such
 * as /dev/zero, a FIFO or a directory is refused), within `maxFileBytes`, with a well-formed header whose
 * data chunk lies inside the file and whose duration is within `maxFileMs`. Errors name the file.
 */
export async function openWav(
  file: string,
  limits: AudioInputLimits,
): Promise<{ handle: FileHandle; header: WavHeader }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new EngineError(
      code === 'ENOENT' ? 'not-found' : 'bad-audio',
      `${file}: cannot read (${code ?? (err as Error).message})`,
      {
        stage: 'audio',
        detail: { file },
        cause: err,
      },
    );
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      const kind = st.isCharacterDevice()
        ? 'a character device'
        : st.isBlockDevice()
          ? 'a block device'
          : st.isFIFO()
            ? 'a FIFO'
            : st.isDirectory()
              ? 'a directory'
              : st.isSocket()
                ? 'a socket'
                : 'not a regular file';
      throw bad(file, `is ${kind}, not a WAV file: only regular files are read`);
    }
    if (st.size > limits.maxFileBytes)
      throw bad(
        file,
        `is ${st.size} bytes, above the ${limits.maxFileBytes}-byte limit (audio.maxFileBytes, --max-file-bytes)`,
        'too-large',
      );
    const header = await readHeader(handle, file, st.size);
    if (header.durationMs > limits.maxFileMs)
      throw bad(
        file,
        `holds ${(header.durationMs / 1000).toFixed(1)} s of audio, above the ${limits.maxFileMs / 1000} s limit (audio.maxFileMs, --max-file-ms)`,
        'too-large',
      );
    return { handle, header };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

async function readHeader(handle: FileHandle, name: string, fileBytes: number): Promise<WavHeader> {
  const read = async (at: number, n: number) => {
    const b = Buffer.alloc(n);
    const { bytesRead } = await handle.read(b, 0, n, at);
    return b.subarray(0, bytesRead);
  };
  const head = await read(0, 12);
  if (fileBytes === 0) throw bad(name, 'empty file (0 bytes), not a WAV');
  if (head.length < 12) throw bad(name, `not a WAV file (only ${head.length} bytes)`);
  const riff = head.toString('latin1', 0, 4);
  if (riff === 'RIFX' || riff === 'RF64')
    throw bad(name, `unsupported WAV variant ${riff} (use little-endian RIFF)`);
  if (riff !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE')
    throw bad(name, 'not a WAV file (no RIFF/WAVE header)');
  let format: WavFormat | null = null;
  let offset = 12;
  for (let n = 0; n < MAX_CHUNKS && offset + 8 <= fileBytes; n++) {
    const h = await read(offset, 8);
    const id = h.toString('latin1', 0, 4);
    let size = h.readUInt32LE(4);
    const body = offset + 8;
    if (id === 'data') {
      if (!format) throw bad(name, "'data' chunk before 'fmt ' chunk");
      if (size === UNKNOWN_SIZE) size = fileBytes - body;
      if (body + size > fileBytes)
        throw bad(
          name,
          `truncated WAV: data chunk declares ${size} bytes but only ${fileBytes - body} are present`,
        );
      const frameBytes = (format.bitsPerSample / 8) * format.channels;
      if (size === 0) throw bad(name, 'WAV contains no audio samples');
      if (size % frameBytes !== 0)
        throw bad(
          name,
          `truncated WAV: ${size} data bytes is not a whole number of ${frameBytes}-byte frames`,
        );
      const durationMs = (size / frameBytes / format.sampleRate) * 1000;
      return { format, dataOffset: body, dataBytes: size, durationMs, fileBytes };
    }
    if (body + size > fileBytes)
      throw bad(name, `truncated WAV: '${id.trim()}' chunk runs past the end of the file`);
    if (id === 'fmt ') {
      if (size > 4096) throw bad(name, `'fmt ' chunk of ${size} bytes is not a WAV format header`);
      const fmt = await read(body, size);
      format = parseFmt(new DataView(fmt.buffer, fmt.byteOffset, fmt.byteLength), 0, size, name);
    }
    offset = body + size + (size & 1); // chunks are word-aligned
  }
  throw bad(name, format ? "truncated WAV: no 'data' chunk" : "truncated WAV: no 'fmt ' chunk");
}

/**
 * Decodes an opened WAV block by block into 16 kHz mono Int16 — downmix, band-limited resampling and
 * conversion as `decodeWav` does them — so memory stays at one block whatever the file's length.
 */
export async function* streamWavSamples(
  handle: FileHandle,
  header: WavHeader,
  name: string,
  signal?: AbortSignal,
): AsyncGenerator<Int16Array> {
  const { format } = header;
  const frameBytes = (format.bitsPerSample / 8) * format.channels;
  const block = Math.max(frameBytes, BLOCK_BYTES - (BLOCK_BYTES % frameBytes));
  const resampler = new StreamingResampler(format.sampleRate, SAMPLE_RATE);
  const buf = Buffer.alloc(block);
  let at = header.dataOffset;
  const end = header.dataOffset + header.dataBytes;
  while (at < end) {
    if (signal?.aborted) return;
    const want = Math.min(block, end - at);
    const { bytesRead } = await handle.read(buf, 0, want, at);
    if (bytesRead === 0) throw bad(name, 'file shrank while being read');
    const whole = bytesRead - (bytesRead % frameBytes);
    at += whole;
    const mono = toMonoFloat(buf.subarray(0, whole), format);
    const out = resampler.push(mono, at >= end);
    if (out.length > 0) yield floatToInt16(out);
  }
}
