/**
 * The files each neural ASR model needs under the models directory, in the layout transformers.js
 * reads with `env.localModelPath` (<modelsDir>/<group>/config.json, <group>/onnx/…). models/manifest.json
 * carries the same entries for the fetcher; this table is what the engine checks before loading.
 *
 * moonshine-tiny: onnx-community/moonshine-tiny-ONNX at revision a6da1241…, q8 weights. The sha256
 * values and sizes are the ones two independent projects pin for that revision.
 * whisper-tiny.en: onnx-community/whisper-tiny.en; no published pins could be found from this
 * machine, so sha256 is null and the fetcher refuses it unless told to pin on first download.
 */
export interface NeuralModelFile {
  /** Path under the models directory. */
  file: string;
  sha256: string | null;
  size: number | null;
  url: string;
}

export interface NeuralModelSpec {
  /** The manifest group and the models/ sub-directory. */
  group: 'moonshine-tiny' | 'whisper-tiny.en';
  engine: 'moonshine' | 'whisper';
  /** transformers.js dtype selecting the weight files (q8 → *_quantized.onnx). */
  dtype: 'q8';
  licence: string;
  files: NeuralModelFile[];
}

const MOONSHINE_REV = 'a6da1241cd305dcd64eab1edbd615f2bb9aabb95';
const moonshineUrl = (f: string) =>
  `https://huggingface.co/onnx-community/moonshine-tiny-ONNX/resolve/${MOONSHINE_REV}/${f}`;
const whisperUrl = (f: string) => `https://huggingface.co/onnx-community/whisper-tiny.en/resolve/main/${f}`;

const moonshinePins: [string, number, string][] = [
  ['config.json', 921, '558e1e02069137c796ace1e50c48d8fe451f04a295929138e6bea885517f0edb'],
  ['preprocessor_config.json', 128, 'fa43a7017ef85cd1d0fba0d9aae77c8adb16990ae6f11115631f41ec5d8aa679'],
  ['generation_config.json', 147, 'f9b3f711b57be7def2e50a8942f64f36ee0a55fad5b84ff93a687b6c5bcc1d44'],
  ['tokenizer_config.json', 135735, 'edaee394565d428ea98a663ae7209cdcfeefc5585c42d7a570ff7c986df2cd15'],
  ['special_tokens_map.json', 3, 'ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356'],
  ['tokenizer.json', 3761754, '7b913404bdd039af4756783218af4440bc07fb7d6d8258d677e34f95b3ec416f'],
  [
    'onnx/encoder_model_quantized.onnx',
    7937661,
    'c6fc4b7bc5af75c0591fd157a1f3829b533d18e9769a888fd95a62e470dd4f4a',
  ],
  [
    'onnx/decoder_model_merged_quantized.onnx',
    20243286,
    'eed87831c3a6103534aae7d47a5d485025c659a1323901513961c39fe8a1a367',
  ],
];

const whisperFiles = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model_quantized.onnx',
  'onnx/decoder_model_merged_quantized.onnx',
];

export const NEURAL_MODELS: Record<'moonshine' | 'whisper', NeuralModelSpec> = {
  moonshine: {
    group: 'moonshine-tiny',
    engine: 'moonshine',
    dtype: 'q8',
    licence: 'MIT',
    files: moonshinePins.map(([f, size, sha256]) => ({
      file: `moonshine-tiny/${f}`,
      size,
      sha256,
      url: moonshineUrl(f),
    })),
  },
  whisper: {
    group: 'whisper-tiny.en',
    engine: 'whisper',
    dtype: 'q8',
    licence: 'MIT',
    files: whisperFiles.map((f) => ({
      file: `whisper-tiny.en/${f}`,
      size: null,
      sha256: null,
      url: whisperUrl(f),
    })),
  },
};
