// Minimal typings for node-record-lpcm16 1.x (the package ships none): only what MicrophoneSource uses.
declare module 'node-record-lpcm16' {
  import type { ChildProcess } from 'node:child_process';
  import type { Readable } from 'node:stream';

  export interface RecordOptions {
    sampleRate?: number;
    channels?: number;
    threshold?: number;
    endOnSilence?: boolean;
    recorder?: 'sox' | 'rec' | 'arecord';
    device?: string | null;
    audioType?: 'wav' | 'raw';
  }

  export interface Recording {
    process: ChildProcess;
    stream(): Readable;
    stop(): void;
  }

  export function record(options?: RecordOptions): Recording;
  const recorder: { record: typeof record };
  export default recorder;
}
