import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { createReplyService } from '../../../reply/create-reply-service.ts';
import type { CliCommand } from '../cli-command.ts';

const USAGE =
  'usage: voice-kiosk ask "QUESTION" [--json] [--llm none|ollama|llama-cpp|openai] [--llm-url URL] [--llm-model NAME|GGUF] [--knowledge DIR] [--at ISO-TIME]';

export const command: CliCommand = {
  usage: USAGE,
  summary:
    'answer one shopper question from the knowledge base (fast path, local LLM or retrieval) and say how',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        llm: { type: 'string' },
        'llm-url': { type: 'string' },
        'llm-model': { type: 'string' },
        knowledge: { type: 'string' },
        at: { type: 'string' },
        config: { type: 'string' },
      },
    });
    const question = positionals.join(' ');
    if (!question.trim())
      throw new EngineError('bad-input', `no question given; ${USAGE}`, { stage: 'reply' });
    const backend = values.llm;
    if (backend !== undefined && !['none', 'ollama', 'llama-cpp', 'openai'].includes(backend)) {
      throw new EngineError('bad-input', `unknown --llm '${backend}'; ${USAGE}`, { stage: 'reply' });
    }
    let now: Date | undefined;
    if (values.at) {
      now = new Date(values.at);
      if (Number.isNaN(now.getTime()))
        throw new EngineError('bad-input', `--at '${values.at}' is not a date/time`, { stage: 'reply' });
    }
    const config = loadConfig({
      ...(values.config ? { file: values.config } : {}),
      overrides: {
        reply: {
          ...(values.knowledge ? { knowledgeDir: values.knowledge } : {}),
          llm: {
            ...(backend ? { backend: backend as 'none' } : {}),
            ...(values['llm-url'] ? { url: values['llm-url'] } : {}),
            ...(values['llm-model'] ? { model: values['llm-model'] } : {}),
          },
        },
      },
    });
    const fixed = now;
    const service = await createReplyService(config, fixed ? { clock: () => fixed } : {});
    // Streamed tokens go to stdout as they come unless --json asks for one machine-readable line.
    const result = await service.answer({
      text: question,
      ...(values.json ? {} : { onToken: (t: string) => process.stdout.write(t) }),
    });
    if (values.json) {
      const { route, reason, answer, sources, ttftMs, totalMs, queuedJobId, action } = result;
      process.stdout.write(
        JSON.stringify({
          route,
          reason,
          answer,
          sources,
          ttftMs,
          totalMs,
          ...(queuedJobId ? { queuedJobId } : {}),
          ...(action ? { action } : {}),
        }) + '\n',
      );
    } else {
      process.stdout.write(
        `\n[${result.route}] ${result.reason}; sources: ${result.sources.join(', ') || '-'}; ttft ${result.ttftMs} ms, total ${result.totalMs} ms\n`,
      );
    }
    await service.close();
    return 0;
  },
};
