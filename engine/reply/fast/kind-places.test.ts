import { describe, expect, it } from 'vitest';
import { resolvePath } from '../../paths/app-root.ts';
import { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { findPlace } from './place-lookup.ts';

// Real: the sample store's and the pharmacy's departments, and the kinds lexicon (product-kinds.ts).
const store = KnowledgeBase.open(resolvePath('assets/knowledge')).data;
const pharmacy = KnowledgeBase.open(resolvePath('assets/shops/pharmacy')).data;

describe('kinds of product found under the general name a shop lists', () => {
  it.each([
    // Bread, dairy, meat, pantry, frozen, household and beauty in the sample store (departments.md).
    ['ciabatta', 'bakery'],
    ['mince pies', 'bakery'],
    ['kefir', 'dairy'],
    ['creme fraiche', 'dairy'],
    ['chorizo', 'meat'],
    ['oxtail', 'meat'],
    ['cannellini beans', 'pantry'],
    ['saffron', 'pantry'],
    ['fresh coriander', 'produce'],
    ['popsicles', 'frozen'],
    ['gingernuts', 'snacks'],
    ['malbec', 'drinks'],
    ['mops', 'household'],
    ['lip gloss', 'health-beauty'],
    ['dreamies', 'pets'],
  ])('sample store: %s → %s', (thing, department) => {
    expect(findPlace(thing, store)?.sectionId).toBe(department);
  });

  it.each([
    // Medicines, first aid, vitamins, baby, teeth, eyes and skin in the pharmacy (shop.md).
    ['naproxen', 'pain-relief'],
    ['expectorant', 'cold-flu'],
    ['compeed', 'first-aid'],
    ['echinacea', 'vitamins'],
    ['ferrous sulphate', 'vitamins'],
    ['pacifiers', 'baby-care'],
    ['steradent', 'dental'],
    ['artificial tears', 'eye-care'],
    ['lip balm', 'skincare'],
  ])('pharmacy: %s → %s', (thing, department) => {
    expect(findPlace(thing, pharmacy)?.sectionId).toBe(department);
  });

  it('keeps a look-alike out of the aisle its words suggest', () => {
    // Mince pies are not mince, malted milk biscuits not milk, cream soda not cream, jelly beans not beans.
    expect(findPlace('mince pies', store)?.sectionId).not.toBe('meat');
    expect(findPlace('malted milk', store)?.sectionId).toBe('snacks');
    expect(findPlace('cream soda', store)?.sectionId).toBe('drinks');
    expect(findPlace('jelly beans', store)?.sectionId).toBe('snacks');
    expect(findPlace('baby leaf', store)?.sectionId).toBe('produce');
    // Protein powder is sports nutrition, not the pharmacy's supplements; cotton wool is not plasters.
    expect(findPlace('protein powder', pharmacy)?.sectionId).not.toBe('vitamins');
    expect(findPlace('cotton wool', pharmacy)?.sectionId).not.toBe('first-aid');
  });
});
