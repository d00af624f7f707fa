import type { EvalReport, ItemResult } from './run-eval.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One line per file: id, kind, WER, reference and hypothesis. */
export function formatItem(r: ItemResult): string {
  const forced = r.forcedOntoPhrase ? ' FORCED' : '';
  return `${r.id.padEnd(26)} ${r.kind.padEnd(20)} WER ${pct(r.wer).padStart(6)}${forced}  ref="${r.reference}"  hyp="${r.hypothesis}"`;
}

/** Per-kind and total WER, off-topic items forced onto a kiosk phrase, and the real-time factor. */
export function formatSummary(report: EvalReport): string {
  const lines = ['', `engine ${report.engine}`];
  for (const k of report.byKind) {
    const forced = k.forced !== undefined ? `  forced onto a kiosk phrase: ${k.forced}/${k.items}` : '';
    lines.push(
      `  ${k.kind.padEnd(20)} items ${String(k.items).padStart(4)}  words ${String(k.words).padStart(5)}  WER ${pct(k.wer).padStart(6)}${forced}`,
    );
  }
  const t = report.total;
  lines.push(
    `  ${'total'.padEnd(20)} items ${String(t.items).padStart(4)}  words ${String(t.words).padStart(5)}  WER ${pct(t.wer).padStart(6)}`,
  );
  lines.push(
    `  audio ${(report.audioMs / 1000).toFixed(1)} s, decoder busy ${(report.decodeMs / 1000).toFixed(1)} s, real-time factor ${(report.decodeMs / Math.max(1, report.audioMs)).toFixed(3)}`,
  );
  return lines.join('\n');
}
