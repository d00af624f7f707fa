import { describe, expect, it } from 'vitest';
import { indexShopNames, nearestListed } from './wordnet-kinds.ts';
import { wordNet } from './wordnet-nouns.ts';

// A small shop's departments, keyed by their names as written.
const names = (groups: Record<string, string[]>) =>
  Object.entries(groups).flatMap(([group, said]) => said.map((s) => ({ key: s, said: s, group })));
const SHOP = names({
  produce: ['vegetables', 'fruit'],
  dairy: ['milk', 'cheese', 'butter', 'cream'],
  beauty: ['makeup', 'shampoo'],
  drinks: ['alcohol', 'soft drinks'],
  flowers: ['flowers', 'plants'],
  firstAid: ['bandages', 'plasters', 'dressings'],
  bakery: ['bread', 'cakes'],
  snacks: ['cookies', 'crisps'],
});

describe('nearest listed general name through WordNet', () => {
  const index = indexShopNames(SHOP)!;

  it('reads WordNet lemmas and their hypernyms', () => {
    const wn = wordNet()!;
    const turnip = wn.lemma('turnip')!;
    expect(turnip.senses.length).toBeGreaterThan(0);
    expect(wn.lemma('no such noun at all')).toBeNull();
  });

  it('finds the listed name a few levels up', () => {
    expect(nearestListed('turnips', index)?.keys).toEqual(['vegetables']);
    expect(nearestListed('lipstick', index)?.keys).toEqual(['makeup']);
    expect(nearestListed('vermouth', index)?.keys).toEqual(['alcohol']);
    expect(nearestListed('tulips', index)?.keys).toEqual(['plants']);
  });

  it('takes the sense a shopper means', () => {
    // A swede is a person first, then a vegetable; a rose the plant before the wine.
    expect(nearestListed('swede', index)?.keys).toEqual(['vegetables']);
    expect(nearestListed('roses', index)?.keys).toEqual(['plants']);
  });

  it('answers nothing when senses with the same evidence reach different aisles', () => {
    // A teacake is a biscuit in one sense and a cake in the other; WordNet's corpus saw neither.
    expect(nearestListed('teacakes', index)).toBeNull();
  });

  it('does not send a word to the aisle of a rare sense or of a general name that means something else', () => {
    // Paint is mostly the coating, not the rouge; cold cream is the ointment, not the dairy cream.
    expect(nearestListed('paint', index)).toBeNull();
    expect(nearestListed('cold cream', index)).toBeNull();
    // Words mostly used as verbs are no product names.
    expect(nearestListed('find', index)).toBeNull();
    expect(nearestListed('lawnmower', index)).toBeNull();
  });

  it('a general name means the sense its department shares', () => {
    // "Dressings" beside bandages is the medical dressing, so a salad dressing is not first aid.
    expect(nearestListed('vinaigrette', index)).toBeNull();
  });

  it('finds a listed name beside the asked one, and says it is only beside it', () => {
    // Yogurt is a dairy product as milk and cheese are; nail polish a cosmetic as makeup is.
    expect(nearestListed('yogurt', index)).toEqual({
      keys: ['milk', 'cheese', 'butter', 'cream'],
      sibling: true,
    });
    expect(nearestListed('nail polish', index)).toEqual({ keys: ['makeup'], sibling: true });
    expect(nearestListed('turnips', index)?.sibling).toBe(false);
    // Tobacco shares a parent with alcohol (a drug of abuse) but is no drink: no sibling of another kind.
    expect(nearestListed('tobacco', index)).toBeNull();
  });

  it('takes no sibling through a parent whose listed children are in different departments', () => {
    const one = indexShopNames(names({ beauty: ['makeup', 'shampoo'] }))!;
    expect(nearestListed('nail polish', one)?.keys).toEqual(['makeup']);
    // Cosmetics span two aisles here (lipstick is makeup too), so nail polish is neither's sibling.
    const two = indexShopNames(names({ beauty: ['makeup', 'shampoo'], gifts: ['lipstick'] }))!;
    expect(nearestListed('nail polish', two)).toBeNull();
  });
});
