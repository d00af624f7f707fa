import type { MeetingExport, MeetingLine, MeetingRow, SummaryRow } from '../contracts/api.ts';

/** A file name from the title and date that every OS accepts: "2026-12-01-morning-stand-up.md". */
function fileStem(m: MeetingRow): string {
  const slug = m.title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${m.startedAt.slice(0, 10)}-${slug || 'meeting'}`;
}

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

/** Markdown special characters in staff text are escaped so a line never turns into a heading or a link. */
function mdEscape(text: string): string {
  return text.replace(/([\\`*_[\]#<>|])/g, '\\$1');
}

/**
 * A meeting as a file staff can keep or mail: title, who started it, when and why it ended, the
 * latest summary (gist, decisions, action items) and every line with its time.
 */
export function exportMeeting(
  m: MeetingRow,
  lines: MeetingLine[],
  summary: SummaryRow | null,
  format: 'markdown' | 'text',
): MeetingExport {
  const ended = m.endedAt
    ? `${m.endedAt.replace('T', ' ').slice(0, 16)} UTC (${m.endReason ?? 'stopped'})`
    : 'still recording';
  const head = [
    `Started: ${m.startedAt.replace('T', ' ').slice(0, 16)} UTC${m.staff ? ` by ${m.staff}` : ''}`,
    `Ended: ${ended}`,
    `Lines: ${lines.length}`,
  ];
  const o = summary?.outline;
  if (format === 'markdown') {
    const out = [`# ${mdEscape(m.title)}`, '', ...head.map((h) => `- ${h}`), ''];
    if (summary) {
      out.push('## Summary', '', mdEscape(o?.gist ?? summary.text), '');
      if (o && o.decisions.length)
        out.push('### Decisions', '', ...o.decisions.map((d) => `- ${mdEscape(d)}`), '');
      if (o && o.actions.length)
        out.push(
          '### Action items',
          '',
          ...o.actions.map(
            (a) =>
              `- ${a.who ? `**${mdEscape(a.who)}**: ` : ''}${mdEscape(a.what)}${a.by ? ` — ${mdEscape(a.by)}` : ''}`,
          ),
          '',
        );
    }
    out.push(
      '## Transcript',
      '',
      ...lines.map((l) => `- ${hhmm(l.createdAt)} ${mdEscape(l.text)}${l.editedAt ? ' _(edited)_' : ''}`),
      '',
    );
    return { filename: `${fileStem(m)}.md`, mimeType: 'text/markdown; charset=utf-8', text: out.join('\n') };
  }
  const out = [m.title, '='.repeat(Math.min(60, m.title.length)), ...head, ''];
  if (summary) {
    out.push('Summary', '-------', o?.gist ?? summary.text, '');
    if (o && o.decisions.length) out.push('Decisions:', ...o.decisions.map((d) => `  * ${d}`), '');
    if (o && o.actions.length)
      out.push(
        'Action items:',
        ...o.actions.map((a) => `  * ${a.who ? `${a.who}: ` : ''}${a.what}${a.by ? ` (${a.by})` : ''}`),
        '',
      );
  }
  out.push(
    'Transcript',
    '----------',
    ...lines.map((l) => `[${hhmm(l.createdAt)}] ${l.text}${l.editedAt ? ' (edited)' : ''}`),
    '',
  );
  return { filename: `${fileStem(m)}.txt`, mimeType: 'text/plain; charset=utf-8', text: out.join('\n') };
}
