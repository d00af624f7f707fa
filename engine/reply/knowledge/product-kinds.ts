/**
 * Kinds of product a shop stocks under a general name: spaghetti is pasta, lemonade a soft drink,
 * cheddar cheese, Nurofen ibuprofen. A shop's files list the general names ("pasta", "soft drinks");
 * a shopper asks for the kind. Each kind names the general names it is sold under, most specific
 * first; the first of them the shop lists is where the kind is looked for, and only when the shop
 * does not list the kind itself. Shop-independent English, like the everyday names in shopper-words.ts;
 * a kind that is not obviously one of its general names (nail varnish, cotton wool, antihistamines)
 * is left out on purpose, so that the kiosk says it does not list it rather than guessing an aisle, and so
 * is a brand that is also an everyday word ("Bakers" dog food, "Sure" deodorant).
 */
const KINDS: readonly [general: string, kinds: string][] = [
  ['pasta', 'spaghetti|penne|fusilli|macaroni|lasagne|lasagna|tagliatelle|linguine|rigatoni|farfalle|ravioli|tortellini|lasagne sheets'],
  ['beans|tins', 'chickpeas|chick peas|lentils|split peas|butter beans|kidney beans'],
  ['sauces|condiments', 'ketchup|tomato ketchup|mayonnaise|mayo|mustard|pesto|gravy|soy sauce|soya sauce|brown sauce|salad cream|barbecue sauce|bbq sauce|hot sauce|chilli sauce|pasta sauce|curry sauce|relish|chutney'],
  ['soft drinks|soda|drinks', 'lemonade|orangeade|squash|orange squash|cordial|ginger ale|ginger beer|tonic water|tonic|energy drinks|energy drink|fizzy water|iced tea'],
  ['cheese', 'cheddar|brie|camembert|mozzarella|parmesan|feta|stilton|halloumi|edam|gouda|goats cheese|goat cheese|cottage cheese'],
  ['fruit', 'strawberries|raspberries|blueberries|blackberries|berries|grapes|oranges|lemons|limes|pears|peaches|nectarines|plums|cherries|apricots|melon|melons|watermelon|mango|mangoes|pineapple|pineapples|kiwi|kiwis|satsumas|clementines|tangerines|grapefruit|avocados|avocado'],
  ['vegetables|veg', 'carrots|onions|broccoli|cabbage|cauliflower|lettuce|cucumber|cucumbers|peppers|mushrooms|courgettes|zucchini|aubergines|aubergine|eggplant|leeks|parsnips|spinach|kale|celery|sweetcorn|garlic|beetroot|sprouts|brussels sprouts|spring onions|sweet potatoes|green beans|asparagus|butternut squash'],
  ['beer|alcohol', 'lager|lagers|ale|ales|stout|ipa'],
  ['spirits|alcohol', 'vodka|gin|whisky|whiskey|rum|brandy|tequila|cognac|liqueur'],
  ['wine|alcohol', 'prosecco|champagne|cava|sherry'],
  ['alcohol|beer', 'cider|ciders'],
  ['pork|meat', 'bacon|ham|gammon|pork chops'],
  ['beef|meat', 'steak|steaks|burgers|beef burgers|meatballs'],
  ['meat', 'turkey|duck|venison'],
  ['seafood|fish', 'prawns|shrimp|crab|mussels|lobster|scampi'],
  ['fish|seafood', 'cod|haddock|mackerel|trout|sardines|plaice|sea bass'],
  ['tea', 'teabags|tea bags|earl grey|herbal tea|green tea|peppermint tea'],
  ['coffee', 'instant coffee|ground coffee|coffee beans|coffee pods|espresso'],
  ['jam|spreads', 'marmalade|lemon curd|chocolate spread'],
  ['cereal', 'weetabix|rice krispies|shreddies|cheerios'],
  ['cleaning|detergent', 'bleach|disinfectant|surface spray|surface cleaner|multi purpose cleaner|furniture polish|sponges|scourers|oven cleaner|toilet cleaner'],
  ['detergent|cleaning', 'fabric softener|fabric conditioner|dishwasher tablets|stain remover'],
  ['cat food|pet food', 'cat treats|cat biscuits'],
  ['dog food|pet food', 'dog treats|dog biscuits|dog chews'],
  ['pet food', 'bird seed|bird food|fish food|rabbit food'],
  // Macadamias too: WordNet's "macadamia" is only the tree, which would be sent to the plants (wordnet-kinds.ts).
  ['nuts|snacks', 'peanuts|cashews|cashew nuts|pistachios|walnuts|hazelnuts|almonds|brazil nuts|mixed nuts|macadamias|macadamia nuts|pecans|pecan nuts'],
  ['sweets|snacks', 'lollipops|mints|chewing gum|jelly babies|toffees|fudge'],
  ['crisps|snacks', 'popcorn|pretzels|tortilla chips'],
  ['biscuits', 'digestives|shortbread|custard creams|hobnobs'],
  ['spices', 'curry powder|paprika|cumin|cinnamon|chilli powder|nutmeg|turmeric|black pepper'],
  ['bread|bakery', 'crumpets|wraps|pitta|pitta bread|naan|naan bread|tortillas|sourdough|rye bread'],
  ['pastries|cakes|bakery', 'doughnuts|donuts|scones|danish pastries|pain au chocolat|cinnamon rolls|eclairs'],
  ['frozen', 'fish fingers|oven chips|frozen chips|ice lollies|ice pops'],
  ['soap|shampoo', 'shower gel|body wash|hand wash|bubble bath'],
  ['shampoo', 'conditioner|hair conditioner'],
  ['razors', 'razor blades|shaving foam|shaving gel'],
  // Everyday goods by the brand shoppers know them by (British and American).
  ['nappies|diapers|baby', 'pampers|huggies'],
  ['cat food|pet food', 'whiskas|felix|sheba|go cat'],
  ['dog food|pet food', 'pedigree|winalot|purina'],
  ['washing up liquid|cleaning', 'fairy liquid|fairy washing up liquid'],
  ['toilet paper|toilet roll', 'andrex|cushelle|charmin'],
  ['kitchen roll', ''],
  ['detergent|cleaning', 'persil|ariel|daz|fairy non bio|lenor'],
  ['cleaning|detergent', 'domestos|cif|mr muscle|harpic|dettol spray'],
  ['coffee', 'nescafe|kenco|douwe egberts|carte noire|folgers|maxwell house'],
  ['tea', 'pg tips|yorkshire tea|tetley|twinings|typhoo'],
  ['crisps|snacks', 'pringles|doritos|quavers|wotsits|monster munch|hula hoops|kettle chips|ruffles|cheetos'],
  ['chocolate|sweets', 'dairy milk|galaxy|maltesers|kitkat|kit kat|mars bars|mars bar|snickers|twix|toblerone|hersheys|reeses|m ms'],
  ['sweets|candy', 'haribo|starburst|skittles|fruit pastilles|wine gums'],
  ['biscuits|cookies', 'mcvities|oreos|jaffa cakes|rich tea'],
  ['cola|soft drinks|soda', 'coca cola|pepsi|pepsi max|diet coke|coke zero'],
  ['soft drinks|soda|drinks', 'fanta|sprite|7up|seven up|tango|irn bru|dr pepper|lucozade|red bull|ribena|robinsons|vimto'],
  ['water', 'evian|volvic|buxton|highland spring|perrier|san pellegrino'],
  ['bread', 'warburtons|hovis|kingsmill|allinson'],
  ['butter', 'lurpak|anchor|country life|flora'],
  ['cheese', 'cathedral city|philadelphia|babybel|dairylea|laughing cow'],
  ['yoghurt|yogurt', 'muller|activia|yeo valley|onken|danone'],
  ['cereal', 'kelloggs|crunchy nut|special k|coco pops|frosties|cheerios|shredded wheat|alpen|quaker'],
  ['sauces', 'dolmio|ragu|loyd grossman|hp sauce|heinz ketchup|hellmanns'],
  ['gravy|sauces', 'bisto|oxo'],
  ['spreads|jam', 'marmite|nutella|bonne maman|hartleys'],
  ['deodorant', 'lynx|right guard|dove deodorant|old spice'],
  ['razors', 'gillette|wilkinson sword|bic razors'],
  ['shampoo', 'head and shoulders|pantene|herbal essences|tresemme|elvive'],
  ['soap|shower gel', 'radox|imperial leather|carex'],
  ['toothpaste|dental care', 'colgate|sensodyne|aquafresh|macleans'],
  ['mouthwash|dental care', 'listerine|corsodyl|oral b mouthwash'],
  ['toothbrushes|dental care', 'oral b|oral b toothbrushes|philips sonicare|sonicare'],
  ['eye drops|eye care', 'optrex|hycosan|clinitas'],
  ['multivitamins|vitamins|supplements', 'centrum|berocca|wellman|wellwoman|vitabiotics|haliborange'],
  ['fish oil|supplements|vitamins', 'seven seas'],
  ['sun cream|sunscreen|skincare', 'nivea sun|ambre solaire|piz buin|banana boat|coppertone|riemann p20|p20'],
  ['moisturiser|skincare', 'nivea|vaseline|cerave|olay|eucerin|aveeno|doublebase|diprobase'],
  ['teething gel|baby care', 'bonjela|anbesol|dentinox'],
  ['nappy cream|baby care', 'metanium|drapolene'],
  ['decongestant|cold remedies', 'sudafed|otrivine|vicks sinex'],
  // Medicines by the brand or form shoppers know them by.
  ['ibuprofen|painkillers|pain relief', 'nurofen|advil|motrin|ibuprofen gel|ibuprofen tablets|co-codamol|cocodamol|codeine'],
  ['paracetamol|painkillers|pain relief', 'calpol|calpol sachets|panadol|tylenol|acetaminophen|childrens paracetamol|paracetamol tablets'],
  ['aspirin|painkillers|pain relief', 'disprin|anadin'],
  ['cough syrup|cough medicine|cold remedies', 'cough mixture|cough linctus|linctus|benylin'],
  ['decongestant|cold remedies', 'vapour rub|vapor rub|vicks|karvol|olbas oil|nasal spray|menthol inhaler'],
  ['cold remedies|cough medicine', 'lemsip|beechams|night nurse'],
  ['throat lozenges|sweets', 'strepsils|soothers|menthol sweets|throat sweets'],
  ['throat lozenges|cold remedies', 'throat spray|throat sprays'],
  ['moisturiser|skincare', 'e45|e45 cream|aveeno|cetaphil|body lotion|moisturising cream|moisturizing cream'],
  ['dressings|bandages|first aid', 'gauze|gauze pads|gauze swabs|lint'],
  ['reading glasses', 'reading specs'],
  // Shops keep margarine by the butter, though WordNet files it under spreads (wordnet-kinds.ts).
  ['butter|spreads', 'margarine|marge'],
  ['antiseptic cream|first aid', 'savlon|germolene|antiseptic wipes|antiseptic spray|antiseptic liquid|antiseptic lotion|antiseptic gel'],
  ['sun cream|skincare', 'after sun|aftersun|after sun lotion|sun spray'],
  ['dental floss|toothbrushes|dental care', 'interdental brushes|floss picks|dental tape'],
  ['plasters|first aid', 'elastoplast|blister plasters'],
  ['nappy cream|baby care', 'sudocrem|bepanthen'],
  ['fish oil|supplements|vitamins', 'cod liver oil|omega 3|omega three|omega 3 capsules'],
  ['supplements|vitamins', 'zinc|magnesium|folic acid|probiotics|glucosamine|evening primrose oil|iron supplements'],
  ['multivitamins|vitamins', 'vitamin a|vitamin b|vitamin b12|vitamin b6|vitamin e|vitamin k|vitamin tablets|vitamin gummies|vitamins for kids|childrens vitamins'],
];

/** Each kind (as written above, lower-case) and the general names it is sold under, most specific first. */
export function productKinds(): ReadonlyMap<string, readonly string[]> {
  return KIND_OF;
}

const KIND_OF = new Map<string, string[]>();
for (const [general, kinds] of KINDS) {
  const names = general.split('|');
  for (const k of kinds.split('|')) {
    // The first line a kind appears on decides (a kind listed under two lines keeps the first).
    if (k && !KIND_OF.has(k)) KIND_OF.set(k, names);
  }
}
