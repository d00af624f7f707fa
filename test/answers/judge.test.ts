import { describe, expect, it } from 'vitest';
import { DONT_KNOW } from '../../engine/reply/grounded-answer.ts';
import { STAFF, judge, loadQuestions, type DevQuestion } from './answer-eval.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// How eval:answers scores one answer; the expected outcomes are written here from the dev set's rules.
const q = (expect: string[], says?: string): DevQuestion => ({ split: 'tune', expect, text: 'q', ...(says ? { says } : {}) });
const staffCall = { answer: "I'll call a member of staff for you.", sources: [], action: 'staff-call' as const };
const contact = { answer: 'You can call the store on 01632 960 123.', sources: ['contact'] };
const dontKnow = { answer: DONT_KNOW, sources: [], declined: true };

describe('judging an answer', () => {
  it('a staff call is right for a question that asked for a person', () => {
    expect(judge(q([STAFF]), staffCall)).toBe('correct');
    expect(judge(q([STAFF, 'contact']), contact)).toBe('correct');
  });

  it('for a person asked for, a listed answer is wrong and "I don\'t know" is a decline', () => {
    expect(judge(q([STAFF]), contact)).toBe('wrong');
    expect(judge(q([STAFF]), dontKnow)).toBe('declined');
  });

  it('a staff call is honest for a question to decline, and a decline for one the shop can answer', () => {
    expect(judge(q([]), staffCall)).toBe('correct');
    expect(judge(q(['contact']), staffCall)).toBe('declined');
  });

  it('a listed answer needs the expected section and the words it must say', () => {
    expect(judge(q(['contact'], '960 123'), contact)).toBe('correct');
    expect(judge(q(['contact'], '960 456'), contact)).toBe('wrong');
    expect(judge(q([]), contact)).toBe('wrong');
  });

  it('reads "staff" in the expected column as a section-like outcome', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-set-'));
    const file = path.join(dir, 'q.tsv');
    writeFileSync(file, '# header\ntune\tstaff\t\tcan i speak to a manager\nheld\tdecline\t\twhat is the capital of france\n');
    expect(loadQuestions(file)).toEqual([
      { split: 'tune', expect: [STAFF], text: 'can i speak to a manager' },
      { split: 'held', expect: [], text: 'what is the capital of france' },
    ]);
  });
});
