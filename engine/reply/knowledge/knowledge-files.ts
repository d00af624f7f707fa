import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { EngineError } from '../../errors/engine-error.ts';
import {
  WEEKDAYS,
  type DayHours,
  type Department,
  type KnowledgeSection,
  type KnowledgeSnapshot,
  type OpeningHours,
} from './knowledge-types.ts';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const hoursText = z
  .string()
  .regex(/^(closed|\d{1,2}:\d{2}-\d{1,2}:\d{2})$/i, 'expected "HH:MM-HH:MM" or "closed"');

const frontMatterSchema = z
  .object({
    id: z.string().regex(ID, 'ids are lower-case letters, digits and dashes'),
    title: z.string().min(1),
    /** The shop's name as shoppers know it; at most one file says it. */
    shop: z.string().trim().min(1).max(80).optional(),
    timezone: z.string().optional(),
    weekly: z
      .object(
        Object.fromEntries(WEEKDAYS.map((d) => [d, hoursText])) as Record<
          (typeof WEEKDAYS)[number],
          typeof hoursText
        >,
      )
      .optional(),
    holidays: z
      .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string(), hours: hoursText }))
      .optional(),
    departments: z
      .array(
        z.object({
          id: z.string().regex(ID),
          name: z.string().min(1),
          location: z.string().min(1),
          aliases: z.array(z.string()).default([]),
        }),
      )
      .optional(),
  })
  .strict();

/**
 * Reads every *.md file of the knowledge folder (README.md excepted) into one snapshot. Any problem —
 * bad YAML, a missing id, a duplicate id — throws a `bad-input` error naming the file, so a reload with a
 * broken edit keeps the previous knowledge instead of half-loading.
 */
export function loadKnowledgeDir(dir: string): KnowledgeSnapshot {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
      .sort();
  } catch (err) {
    throw new EngineError('not-found', `knowledge folder ${dir} cannot be read: ${(err as Error).message}`, {
      stage: 'reply',
      detail: { file: dir },
    });
  }
  const snapshot: KnowledgeSnapshot = {
    shopName: null,
    sections: [],
    hours: null,
    departments: [],
    loadedAt: new Date().toISOString(),
  };
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const parsed = parseKnowledgeFile(readFileSync(file, 'utf8'), file);
    for (const s of parsed.sections) {
      const prev = seen.get(s.id);
      if (prev) throw fileError(file, `section id '${s.id}' is already used in ${prev}`);
      seen.set(s.id, file);
      snapshot.sections.push(s);
    }
    if (parsed.hours) {
      if (snapshot.hours) throw fileError(file, 'opening hours are defined in two files');
      snapshot.hours = parsed.hours;
    }
    snapshot.departments.push(...parsed.departments);
    if (parsed.shopName) {
      if (snapshot.shopName) throw fileError(file, `the shop is named twice ('${snapshot.shopName}' and '${parsed.shopName}')`);
      snapshot.shopName = parsed.shopName;
    }
  }
  if (snapshot.sections.length === 0) throw fileError(dir, 'no knowledge sections found');
  return snapshot;
}

/** Parses one knowledge file (front-matter + `## Title {#id}` sections); exported for tests. */
export function parseKnowledgeFile(source: string, file: string): Omit<KnowledgeSnapshot, 'loadedAt'> {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!fm) throw fileError(file, 'missing front-matter (a --- block with at least id and title)');
  let raw: unknown;
  try {
    raw = parseYaml(fm[1] as string);
  } catch (err) {
    throw fileError(file, `front-matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const meta = frontMatterSchema.safeParse(raw);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    const field = issue?.path.join('.') || '';
    // Said so a shop owner editing the file knows which line to add; zod's wording is for developers.
    const missing = issue?.code === 'invalid_type' && (raw as Record<string, unknown> | null)?.[field] === undefined;
    throw fileError(
      file,
      missing ? `the front-matter has no '${field}:' line (every file needs at least id and title)` : `front-matter ${field}: ${issue?.message}`,
    );
  }
  const m = meta.data;
  const body = text.slice(fm[0].length);
  const sections: KnowledgeSection[] = [];
  const parts = body.split(/^## +/m);
  const intro = parts.shift() ?? '';
  if (intro.trim()) sections.push(section(m.id, m.title, intro, file));
  for (const part of parts) {
    const nl = part.indexOf('\n');
    const heading = (nl < 0 ? part : part.slice(0, nl)).trim();
    const idMatch = /\{#([^}]+)\}\s*$/.exec(heading);
    const title = heading.replace(/\{#[^}]+\}\s*$/, '').trim();
    const id = idMatch?.[1] ?? `${m.id}-${slug(title)}`;
    if (!ID.test(id))
      throw fileError(file, `section id '${id}' must be lower-case letters, digits and dashes`);
    sections.push(section(id, title, nl < 0 ? '' : part.slice(nl + 1), file));
  }
  const departments: Department[] = (m.departments ?? []).map((d) => ({ ...d }));
  for (const d of departments) {
    sections.push({
      id: d.id,
      title: d.name,
      text: `${d.name}: ${d.location}.`,
      questions: [`Where is the ${d.name.toLowerCase()}?`],
      keywords: d.aliases,
      location: d.location,
      file,
    });
  }
  let hours: OpeningHours | null = null;
  if (m.weekly) {
    const weekly = Object.fromEntries(
      WEEKDAYS.map((d) => [d, parseSpan(m.weekly?.[d] as string, file)]),
    ) as OpeningHours['weekly'];
    hours = {
      sectionId: m.id,
      timezone: m.timezone ?? null,
      weekly,
      holidays: (m.holidays ?? []).map((h) => ({
        date: h.date,
        name: h.name,
        hours: parseSpan(h.hours, file),
      })),
    };
    if (hours.timezone) {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: hours.timezone });
      } catch {
        throw fileError(file, `unknown timezone '${hours.timezone}'`);
      }
    }
  }
  return { shopName: m.shop ?? null, sections, hours, departments };
}

function section(id: string, title: string, body: string, file: string): KnowledgeSection {
  const questions: string[] = [];
  const keywords: string[] = [];
  let location: string | null = null;
  const textLines: string[] = [];
  let inQuestions = false;
  for (const line of body.split('\n')) {
    const t = line.trim();
    if (/^(example )?questions:$/i.test(t)) {
      inQuestions = true;
      continue;
    }
    if (inQuestions && /^[-*] /.test(t)) {
      questions.push(t.slice(2).trim());
      continue;
    }
    inQuestions = false;
    const kw = /^keywords:\s*(.*)$/i.exec(t);
    if (kw) {
      keywords.push(
        ...(kw[1] as string)
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      );
      continue;
    }
    const loc = /^location:\s*(.+)$/i.exec(t);
    if (loc) {
      location = (loc[1] as string).trim();
      continue;
    }
    textLines.push(line);
  }
  const text = textLines
    .join('\n')
    .replace(/\s*\n\s*/g, (m) => (m.includes('\n\n') ? '\n\n' : ' '))
    .trim();
  if (!text) throw fileError(file, `section '${id}' has no answer text`);
  return { id, title, text, questions, keywords, location, file };
}

function parseSpan(spec: string, file: string): DayHours {
  if (/^closed$/i.test(spec)) return null;
  const [a, b] = spec.split('-') as [string, string];
  const open = minutes(a);
  const close = minutes(b);
  if (open === null || close === null || close <= open) throw fileError(file, `bad opening hours '${spec}'`);
  return { open, close };
}

function minutes(hhmm: string): number | null {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (!(h >= 0 && h <= 24 && m >= 0 && m < 60)) return null;
  return h * 60 + m;
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48) || 'section'
  );
}

function fileError(file: string, message: string): EngineError {
  return new EngineError('bad-input', `knowledge file ${file}: ${message}`, {
    stage: 'reply',
    detail: { file },
  });
}
