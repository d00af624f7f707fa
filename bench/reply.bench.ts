/**
 * `npm run bench:reply`: latency of the kiosk's two model-free answer paths through ReplyService —
 * the fast path (target ≤ 50 ms) and retrieval answers — over the sample store. Prints figures only;
 * nothing here asserts a time.
 */
import { resolvePath } from '../engine/app/config/load.ts';
import { createLogger } from '../engine/log/logger.ts';
import { KnowledgeBase } from '../engine/reply/knowledge/knowledge-base.ts';
import { IN_DOMAIN, OUT_OF_DOMAIN } from '../engine/reply/knowledge/retrieval-questions.ts';
import { ReplyService } from '../engine/reply/reply-service.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const FAST = [
  'Hello',
  'What time is it?',
  'Are you open?',
  'What time do you close tomorrow?',
  'Where is the bread?',
  'Which aisle is the milk in?',
  'Where are the toilets?',
  'Do you sell batteries?',
  'start meeting',
  'what can you do',
];

const kb = KnowledgeBase.open(resolvePath('assets/knowledge'));
const svc = new ReplyService({
  kb,
  router: { maxLocalContextTokens: 512, maxLocalGenerationTokens: 200 },
  logger: createLogger('bench', {}, () => {}),
});

async function measure(label: string, questions: readonly string[], expectRoute: string): Promise<void> {
  for (const q of questions) await svc.answer({ text: q }); // warm-up: JIT, prepared statements
  const times: number[] = [];
  let off = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of questions) {
      const t = performance.now();
      const res = await svc.answer({ text: q });
      times.push(performance.now() - t);
      if (res.route !== expectRoute) off++;
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] as number).toFixed(2);
  console.log(
    `${label.padEnd(28)} n=${String(times.length).padStart(5)}  p50 ${pct(50).padStart(6)} ms  p95 ${pct(95).padStart(6)} ms  max ${(times.at(-1) as number).toFixed(2).padStart(6)} ms${off ? `  (${off} answered by another route)` : ''}`,
  );
}

console.log(
  `reply latency over the sample store (${kb.data.sections.length} sections), ${ROUNDS} rounds, node ${process.version}, ${process.arch}`,
);
await measure('fast path', FAST, 'fast');
await measure(
  'retrieval (in-domain)',
  IN_DOMAIN.map(([q]) => q),
  'retrieval',
);
await measure('retrieval (out-of-domain)', OUT_OF_DOMAIN, 'retrieval');
await svc.close();
