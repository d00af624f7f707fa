import { describe, expect, it } from 'vitest';
import { resolvePath } from '../../paths/app-root.ts';
import { loadKnowledgeDir } from './knowledge-files.ts';
import { fixTypos } from './typo-fix.ts';

// The real knowledge folders; the meant words are plain English, read off the questions by hand.
const store = loadKnowledgeDir(resolvePath('assets/knowledge'));
const pharmacy = loadKnowledgeDir(resolvePath('assets/shops/pharmacy'));

describe('fixTypos: a finger’s slips on a touchscreen keyboard', () => {
  it.each([
    ['wher is the mlik', 'where is the milk'], // cut short; two letters swapped
    ['wheres the toliets', 'wheres the toilets'],
    ['do you have batteires', 'do you have batteries'],
    ['wheres the chocolatr', 'wheres the chocolate'], // r is next to e
    ['is parkign free', 'is parking free'],
    ['Where is the BRAED?', 'Where is the bread?'],
    ['any bananna', 'any banana'], // the singular of a listed plural
    ['where is the mlk', 'where is the milk'], // a three-letter word: a left-out letter or two swapped
    ['wheres the jma', 'wheres the jam'],
    ['were is the chese', 'were is the cheese'], // a left-out letter before a vowel spelt by ear ("chase")
    ['how much is a pint of milk', 'how much is a pint of milk'], // a measure is a real word, not "point"
  ])('%s → %s', (typed, meant) => {
    expect(fixTypos(typed, store)).toBe(meant);
  });

  it('pharmacy: a left-out letter in two words', () => {
    expect(fixTypos('can i colect my presciption', pharmacy)).toBe('can i collect my prescription');
    expect(fixTypos('where are the eye drps', pharmacy)).toBe('where are the eye drops');
    // A long word spelt by ear: one vowel for another.
    expect(fixTypos('i need ibuprofin', pharmacy)).toBe('i need ibuprofen');
    expect(fixTypos('cough syrop', pharmacy)).toBe('cough syrup');
    // An English noun the shop does not use is meant as typed, not a slip for its "(denture) cleaner".
    expect(fixTypos('wheres the cleanser', pharmacy)).toBe('wheres the cleanser');
  });

  it.each([
    'i bought this kettle and it doesn’t work', // unknown real words and apostrophes stay
    "i'm not very good with these machines", // "very" is not "every", "good" not "goods"
    'what tiem is it', // "time" or "item": two equally close words, so neither
    'is it dear', // a four-letter word with one wrong letter is too little to go on ("near")
    'is there a cooking class', // b and c are not neighbours: "booking" would not become it either
  ])('%s: left as typed', (typed) => {
    expect(fixTypos(typed, store)).toBe(typed);
  });
});
