/**
 * What a shopper says is wrong ("i've burnt my hand", "my gums are bleeding") read as the remedies a
 * chemist or a first-aid shelf keeps for it, so that retrieval finds the shelf or the pharmacist that
 * helps. Only the remedy's words are kept: the symptom's own word is seldom in a shop's files and would
 * halve the share of the question a section covers. Shop-independent English, like shopper-words.ts; a
 * shop that lists none of the remedies still says it does not know. Applied to the question only.
 */
export const SYMPTOM_PHRASES: readonly [RegExp, string][] = [
  // Sunburn is soothed from the sun-care shelf, not the first-aid burns.
  [/\b(?:sunburnt|sunburned|sunburn|sun burnt|sun burn)\b/g, 'sun cream'],
  [/\b(?:burnt|burned|scalded|scald)\b|\bburns?\b(?! (?:cream|gel))/g, 'antiseptic first aid'],
  [/\b(?:stung|bitten)\b|\b(?:wasp|bee|insect|bug|mosquito|midge) (?:sting|stings|bite|bites)\b/g, 'antiseptic first aid'],
  [/\b(?:cut|grazed|scraped|scratched) (?:my|his|her|their|our) (?:finger|fingers|hand|hands|knee|knees|leg|legs|arm|arms|thumb|foot|feet|head|elbow)\b/g, 'plasters first aid'],
  [/\bblisters?\b(?! plasters?)/g, 'plasters'],
  [/\b(?:high |a )?(?:temperature|fever|feverish)\b/g, 'thermometer'],
  [/\b(?:toothache|tooth ache|bad tooth|sore tooth)\b/g, 'pain relief'],
  [/\b(?:bad back|back pain|backache|back ache|migraines?|period pains?|cramps|sore muscles|aching muscles|sprained \w+|sprain)\b/g, 'pain relief'],
  [/\b(?:gums? (?:are |is )?bleeding|bleeding gums?|sore gums?)\b/g, 'mouthwash dental'],
  // Flu itself, not the flu jab.
  [/\b(?:the flu|flu symptoms|got flu|have flu|flu like)\b(?! (?:jab|jabs|shot|shots|vaccin\w*))/g, 'flu cold'],
  [/\b(?:dizzy|faint|light headed|lightheaded)\b/g, 'unwell'],
];
