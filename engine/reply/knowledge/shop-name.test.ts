import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../paths/app-root.ts';
import { loadKnowledgeDir } from './knowledge-files.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-shop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the shop's name in the knowledge files", () => {
  it('is read from the sample shop (welcome.md front-matter)', () => {
    expect(loadKnowledgeDir(path.join(APP_ROOT, 'assets', 'knowledge')).shopName).toBe('Greenleaf Market');
  });

  it('is null when no file names the shop, and an error naming the file when two do', () => {
    const one = mkdtempSync(path.join(dir, 'one-'));
    writeFileSync(path.join(one, 'a.md'), '---\nid: a\ntitle: A\n---\nAnswer a.\n');
    expect(loadKnowledgeDir(one).shopName).toBeNull();
    writeFileSync(path.join(one, 'b.md'), '---\nid: b\ntitle: B\nshop: Corner Shop\n---\nAnswer b.\n');
    writeFileSync(path.join(one, 'c.md'), '---\nid: c\ntitle: C\nshop: Other Shop\n---\nAnswer c.\n');
    expect(() => loadKnowledgeDir(one)).toThrow(/c\.md: the shop is named twice \('Corner Shop' and 'Other Shop'\)/);
  });
});
