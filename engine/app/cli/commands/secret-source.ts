import { readFileSync } from 'node:fs';
import { EngineError } from '../../../errors/engine-error.ts';

/**
 * Secrets for long-running CLI services (the summarizer's broker password and LLM API key). A
 * command-line argument is readable by every local user (`ps`, /proc/<pid>/cmdline) for as long as
 * the service runs, so secrets come from a file (`--password-file`, mode 0600 by the owner) or an
 * environment variable, and the old `--password` / `--api-key` flags are refused with a pointer.
 */
export interface SecretSpec {
  /** The refused flag, e.g. 'password'. */
  flag: string;
  /** The file flag that replaces it, e.g. 'password-file'. */
  fileFlag: string;
  /** Environment variables tried in order. */
  env: readonly string[];
}

/** Refuses a secret given as a flag value, with a message that says what to do instead. */
export function refuseSecretFlag(spec: SecretSpec, given: unknown): void {
  if (given === undefined) return;
  throw new EngineError(
    'bad-input',
    `--${spec.flag} is refused: a secret on the command line is visible to every local user (ps); use --${spec.fileFlag} FILE or ${spec.env.join(' / ')}`,
    { stage: 'cloud', detail: { flag: spec.flag } },
  );
}

/** The secret from `--<fileFlag>` (trailing newline dropped) or the environment; undefined when neither is set. */
export function readSecret(
  spec: SecretSpec,
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new EngineError(
        'bad-input',
        `cannot read --${spec.fileFlag} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        {
          stage: 'cloud',
          detail: { file },
        },
      );
    }
    const secret = text.replace(/\r?\n$/, '');
    if (!secret)
      throw new EngineError('bad-input', `--${spec.fileFlag} ${file} is empty`, {
        stage: 'cloud',
        detail: { file },
      });
    return secret;
  }
  for (const name of spec.env) {
    const v = env[name];
    if (v) return v;
  }
  return undefined;
}

export const MQTT_PASSWORD: SecretSpec = {
  flag: 'password',
  fileFlag: 'password-file',
  env: ['VOICE_KIOSK_SUMMARIZER_PASSWORD', 'VOICE_KIOSK_MQTT_PASSWORD'],
};

export const LLM_API_KEY: SecretSpec = {
  flag: 'api-key',
  fileFlag: 'api-key-file',
  env: ['VOICE_KIOSK_SUMMARIZER_API_KEY', 'OPENAI_API_KEY'],
};
