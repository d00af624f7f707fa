import type { SummaryOutline } from '../contracts/mqtt.ts';

/**
 * The plain-text layout of a summary that staff can act on, shared by the cloud (which writes it) and
 * the kiosk (which reads it back into gist, decisions and action items). Because the layout lives in
 * the result's `text`, an older kiosk still shows a readable summary and a replayed result loses
 * nothing (docs/protocol.md, "Summary layout"):
 *
 *   <gist>
 *
 *   Decisions:
 *   - <decision>
 *
 *   Action items:
 *   - <who>: <what> (<when>)       e.g. "- Bob: update the price labels (by Friday)"
 */
const DECISIONS = 'Decisions:';
const ACTIONS = 'Action items:';

/** Writes an outline in the shared layout; empty lists are left out. */
export function formatOutline(o: SummaryOutline): string {
  const parts = [o.gist.trim()];
  if (o.decisions.length) parts.push([DECISIONS, ...o.decisions.map((d) => `- ${oneLine(d)}`)].join('\n'));
  if (o.actions.length)
    parts.push(
      [
        ACTIONS,
        ...o.actions.map(
          (a) =>
            `- ${a.who ? `${oneLine(a.who)}: ` : ''}${oneLine(a.what)}${a.by ? ` (${oneLine(a.by)})` : ''}`,
        ),
      ].join('\n'),
    );
  return parts.filter(Boolean).join('\n\n');
}

/** Reads the layout back; text without the sections is all gist (an older summarizer's plain summary). */
export function parseOutline(text: string): SummaryOutline {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const gist: string[] = [];
  const decisions: string[] = [];
  const actions: SummaryOutline['actions'] = [];
  let section: 'gist' | 'decisions' | 'actions' = 'gist';
  for (const raw of lines) {
    const line = raw.trim();
    if (/^\**decisions:?\**:?$/i.test(line)) section = 'decisions';
    else if (/^\**action items:?\**:?$/i.test(line)) section = 'actions';
    else if (section === 'gist') gist.push(raw);
    else {
      const item = /^[-*•]\s+(.+)$/.exec(line)?.[1]?.trim();
      if (!item) continue;
      if (section === 'decisions') decisions.push(item);
      else actions.push(parseAction(item));
    }
  }
  return { gist: gist.join('\n').trim(), decisions, actions };
}

function parseAction(item: string): SummaryOutline['actions'][number] {
  let rest = item;
  let by: string | null = null;
  const m =
    /^(.*?)\s*\(((?:by|before|until|due|on|at|tomorrow|today|tonight|next|this|end of)\b[^)]*)\)\s*$/i.exec(
      rest,
    );
  if (m) {
    rest = m[1]!;
    by = m[2]!.replace(/^due\s+/i, 'by ').trim();
  }
  const w = /^([^:]{1,40}):\s+(.+)$/.exec(rest);
  return w
    ? { who: w[1]!.replace(/\*/g, '').trim(), what: w[2]!.trim(), by }
    : { who: null, what: rest.trim(), by };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
