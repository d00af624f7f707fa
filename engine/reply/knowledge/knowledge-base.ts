import Database from 'better-sqlite3';
import type { StageInfo } from '../../contracts/audio.ts';
import { loadKnowledgeDir } from './knowledge-files.ts';
import { phrasesOf } from './knowledge-phrases.ts';
import { queryGroups } from './query-terms.ts';
import type { KnowledgeSection, KnowledgeSnapshot } from './knowledge-types.ts';

export interface Passage {
  section: KnowledgeSection;
  /** −bm25: larger is better; only comparable within one query. */
  score: number;
  /** Share of the question's topic words found in this section (0..1): the "do we know this" signal. */
  coverage: number;
  /** The question's topic words this section does not hold (the first word of each missing group). */
  missing: string[];
}

/** Caps how many topic words one query may use, so a hostile 10 000-word question stays cheap. */
const MAX_QUERY_TERMS = 24;

/**
 * The shop's knowledge in an in-memory SQLite FTS5 index (BM25). The index is rebuilt from the Markdown
 * files on every load, so `reload()` is how staff publish an edit without restarting the kiosk; a
 * broken edit throws and leaves the previous knowledge in place.
 */
export class KnowledgeBase {
  private db: Database.Database;
  private snapshot: KnowledgeSnapshot;

  private constructor(
    private readonly dir: string,
    snapshot: KnowledgeSnapshot,
  ) {
    this.snapshot = snapshot;
    this.db = buildIndex(snapshot);
  }

  /** Loads the folder and builds the index; throws a `bad-input` error naming the bad file. */
  static open(dir: string): KnowledgeBase {
    return new KnowledgeBase(dir, loadKnowledgeDir(dir));
  }

  /** Re-reads the folder and swaps the index in one step; the old index keeps serving if this throws. */
  reload(): { sections: number } {
    const next = loadKnowledgeDir(this.dir);
    const db = buildIndex(next);
    const old = this.db;
    this.db = db;
    this.snapshot = next;
    old.close();
    return { sections: next.sections.length };
  }

  get data(): KnowledgeSnapshot {
    return this.snapshot;
  }

  section(id: string): KnowledgeSection | undefined {
    return this.snapshot.sections.find((s) => s.id === id);
  }

  /** Top passages for a question, best first; empty when no topic word matches anything. */
  search(question: string, limit = 3): Passage[] {
    const groups = queryGroups(question).slice(0, MAX_QUERY_TERMS);
    if (groups.length === 0) return [];
    const groupMatch = (g: string[]) => g.map(ftsTerm).join(' OR ');
    const match = groups.map(groupMatch).join(' OR ');
    const rows = this.db
      .prepare(
        `SELECT rowid AS rowid, id, -bm25(kb, 0.0, 4.0, 4.0, 2.0, 1.0) AS score
           FROM kb WHERE kb MATCH ? ORDER BY score DESC LIMIT ?`,
      )
      .all(match, Math.max(limit * 3, 10)) as { rowid: number; id: string; score: number }[];
    // Which topic words each row contains: one MATCH per word (combining MATCH with `rowid = ?` in one
    // statement returned false hits in SQLite's FTS5 here, so the sets are built from plain MATCHes).
    const byTerm = this.db.prepare('SELECT rowid AS rowid FROM kb WHERE kb MATCH ?').pluck();
    const sets = groups.map((g) => new Set(byTerm.all(groupMatch(g)) as number[]));
    const passages = rows.map((r) => {
      const missing = groups.filter((_, i) => !sets[i]!.has(r.rowid)).map((g) => g[0] as string);
      return {
        section: this.section(r.id) as KnowledgeSection,
        score: r.score,
        coverage: (groups.length - missing.length) / groups.length,
        missing,
      };
    });
    // A section that holds more of the asked topics ranks first: BM25 alone lets one word repeated
    // across a section's keywords ("kids, children") outweigh a section that has every word asked.
    return passages.sort((a, b) => rank(b) - rank(a)).slice(0, limit);
  }

  /** Questions and names in the knowledge base, for the ASR's kiosk-mode language model and the UI's suggestions. */
  knowledgePhrases(): string[] {
    return phrasesOf(this.snapshot);
  }

  /** A few questions to show as suggestions on the idle screen. */
  suggestions(limit = 6): string[] {
    return this.snapshot.sections
      .filter((s) => s.questions.length > 0 && !this.snapshot.departments.some((d) => d.id === s.id))
      .map((s) => s.questions[0] as string)
      .slice(0, limit);
  }

  info(): StageInfo {
    return {
      stage: 'reply',
      name: 'knowledge-base',
      ready: true,
      note: `${this.snapshot.sections.length} sections from ${this.dir} (SQLite FTS5, BM25)`,
    };
  }

  close(): void {
    this.db.close();
  }
}

function rank(p: Passage): number {
  return p.score * p.coverage * p.coverage;
}

/**
 * A quoted FTS5 term (quotes make any word safe to pass to MATCH). Longer words also match as prefixes
 * ("vaccin" → vaccination); short ones do not, or "loo" would find "hearing loop".
 */
function ftsTerm(t: string): string {
  return t.length >= 5 ? `"${t}"*` : `"${t}"`;
}

function buildIndex(snapshot: KnowledgeSnapshot): Database.Database {
  const db = new Database(':memory:');
  db.exec(
    `CREATE VIRTUAL TABLE kb USING fts5(id UNINDEXED, title, keywords, questions, body, tokenize = 'porter unicode61 remove_diacritics 2')`,
  );
  const insert = db.prepare('INSERT INTO kb (id, title, keywords, questions, body) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const s of snapshot.sections) {
      insert.run(
        s.id,
        s.title,
        s.keywords.join(', '),
        s.questions.join('\n'),
        [s.text, s.location ?? ''].join('\n'),
      );
    }
  })();
  return db;
}
