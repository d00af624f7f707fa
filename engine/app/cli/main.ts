import { EngineError } from '../../errors/engine-error.ts';
import type { CliCommand } from './cli-command.ts';

/**
 * `voice-kiosk <command> …`. Each command lives in its own module under commands/ and is imported
 * only when run, so `voice-kiosk vad` does not load the LLM or the broker.
 */

type Loader = () => Promise<{ command: CliCommand }>;

const commands: Record<string, Loader> = {
  config: () => import('./commands/config.ts'),
  models: () => import('./commands/models.ts'),
  meetings: () => import('./commands/meetings.ts'),
  summaries: () => import('./commands/summaries.ts'),
  outbox: () => import('./commands/outbox.ts'),
  engine: () => import('./commands/engine.ts'),
  ask: () => import('./commands/ask.ts'),
  summarizer: () => import('./commands/summarizer.ts'),
  transcribe: () => import('./commands/transcribe.ts'),
  staff: () => import('./commands/staff.ts'),
  wake: () => import('./commands/wake.ts'),
  vad: () => import('./commands/vad.ts'),
  start: () => import('./commands/start.ts'),
  run: () => import('./commands/run.ts'),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`voice-kiosk: unknown command '${name}' (try voice-kiosk --help)\n`);
    return 2;
  }
  try {
    const { command } = await load();
    if (asksForHelp(rest)) {
      process.stdout.write(usageText(name, command));
      return 0;
    }
    return await command.run(rest);
  } catch (err) {
    // One line, no stack: the CLI promise is "non-zero exit with a one-line error on bad input".
    // node:util parseArgs (used by most commands) reports a mistyped option as ERR_PARSE_ARGS_*.
    const badArgs = String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    const data = badArgs ? { ...EngineError.toData(err), code: 'bad-input' as const } : EngineError.toData(err);
    process.stderr.write(`voice-kiosk ${name}: ${data.message}\n`);
    if (process.env.VOICE_KIOSK_DEBUG) console.error(err);
    return data.code === 'internal' ? 70 : 1;
  }
}

/** `--help` or `-h` anywhere before a `--` terminator: every command answers it the same way. */
function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function usageText(name: string, command: CliCommand): string {
  const usage = command.usage?.trim() || `usage: voice-kiosk ${name} [options]`;
  return `${usage}\n\n${command.summary}\n`;
}

async function printHelp(): Promise<void> {
  const lines = ['usage: voice-kiosk <command> [options]', '', 'commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const { command } = await load().catch(() => ({ command: { summary: '(unavailable)' } as CliCommand }));
    lines.push(`  ${name.padEnd(12)} ${command.summary}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
