import { describe, expect, it } from 'vitest';
import { resolvePath } from '../../paths/app-root.ts';
import { loadKnowledgeDir } from '../knowledge/knowledge-files.ts';
import { aisleContents } from './aisle-contents.ts';

// The sample store's departments.md: Aisle 2 is Fruit and vegetables; Aisle 6 holds two departments.
const kb = loadKnowledgeDir(resolvePath('assets/knowledge'));

describe('what an aisle holds', () => {
  it.each([
    ['whats in aisle 2', 'Aisle 2: Fruit and vegetables.', ['produce']],
    ['what is down the first aisle', 'Aisle 1: Bakery.', ['bakery']],
    ['aisle six', 'Aisle 6: Pasta, rice and tins; Free-from and gluten-free.', ['pantry', 'free-from']],
  ])('%s', (q, answer, sources) => {
    expect(aisleContents(q, kb)).toEqual({ answer, sources });
  });

  it('answers nothing for an aisle the shop does not have, or for another question', () => {
    expect(aisleContents('whats in aisle 40', kb)).toBeNull();
    expect(aisleContents('which aisle is the milk in', kb)).toBeNull();
    expect(aisleContents('where is the bread', kb)).toBeNull();
  });
});
