// Medicines, first aid, vitamins, toiletries, beauty and baby kinds for product-kinds.ts:
// [general names, most specific first; kinds]. Antihistamines, hay fever remedies, nail varnish and
// cotton wool are left out on purpose (product-kinds.ts), and so are slings (arm or baby), ice packs (bruise
// or cool box), bare pastilles (throat or fruit) and spectacles (prescription, not reading glasses). Skin
// creams do not fall back to a shop's "beauty": a grocer's health and beauty aisle need not stock them.
export const HEALTH_KINDS: readonly [general: string, kinds: string][] = [
  // Pain relief, by the medicine, the brand or the form.
  ['ibuprofen|painkillers|pain relief', 'nurofen|advil|motrin|ibuprofen gel|ibuprofen tablets'],
  ['ibuprofen|painkillers|pain relief', 'ibuleve|nurofen plus|nurofen express|brufen'],
  [
    'paracetamol|painkillers|pain relief',
    'calpol|calpol sachets|panadol|tylenol|acetaminophen|childrens paracetamol|children s paracetamol|paracetamol tablets|infant paracetamol|paracetamol suspension',
  ],
  ['aspirin|painkillers|pain relief', 'disprin|anadin|bayer aspirin'],
  [
    'painkillers|pain relief',
    'co-codamol|cocodamol|co codamol|codeine|naproxen|diclofenac|aleve|excedrin|solpadeine|feminax|migraleve|syndol|paramol|voltarol|anti inflammatories|anti inflammatory tablets|anti inflammatory|antiinflammatories',
  ],
  ['headache tablets|painkillers|pain relief', 'migraine tablets|migraine relief'],
  [
    'pain relief|painkillers',
    'deep heat|deep freeze|tiger balm|biofreeze|fiery jack|heat patches|heat pads|pain relief gel|muscle rub',
  ],
  // Coughs, colds and sore throats.
  ['cough syrup|cough medicine|cold remedies', 'cough mixture|cough linctus|linctus|benylin'],
  [
    'cough medicine|cough syrup|cold remedies',
    'expectorant|expectorants|antitussive|antitussives|cough suppressant|robitussin|covonia|tixylix|bronchostop|venos|mucinex|delsym|buttercup syrup',
  ],
  ['decongestant|cold remedies', 'vapour rub|vapor rub|vicks|karvol|olbas oil|nasal spray|menthol inhaler'],
  [
    'decongestant|cold remedies',
    'sudafed|otrivine|vicks sinex|nose drops|nasal drops|menthol rub|chest rub|olbas|vicks vaporub|sinex',
  ],
  ['cold remedies|cough medicine', 'lemsip|beechams|night nurse'],
  ['cold remedies|cough medicine', 'day nurse|nyquil|dayquil|theraflu|sinutab|cold and flu capsules'],
  ['throat lozenges|sweets', 'strepsils|soothers|menthol sweets|throat sweets'],
  ['throat lozenges|cold remedies', 'throat spray|throat sprays'],
  [
    'throat lozenges|cold remedies',
    'throat pastilles|cough pastilles|fishermans friend|fisherman s friend|ricola|vicks vapodrops|chloraseptic|difflam|cepacol|sucrets|throat drops',
  ],
  ['tissues', 'kleenex|mansize tissues|pocket tissues|facial tissues'],
  // First aid.
  ['plasters|first aid', 'elastoplast|blister plasters'],
  [
    'plasters|first aid',
    'compeed|fabric plasters|waterproof plasters|finger plasters|childrens plasters|children s plasters|nexcare|corn plasters',
  ],
  [
    'bandages|first aid',
    'tubigrip|crepe bandage|crepe bandages|tubular bandage|triangular bandage|elastic bandage',
  ],
  ['dressings|bandages|first aid', 'gauze|gauze pads|gauze swabs|lint'],
  ['dressings|first aid', 'melolin|non adherent dressings|wound dressings|burn dressings|island dressings'],
  [
    'first aid',
    'arm sling|splint|splints|finger splint|steri strips|surgical tape|micropore|medical tape|zinc oxide tape|burn gel|burns gel|instant ice packs|instant ice pack|instant cold packs|cold compress|first aid kit|eye pads',
  ],
  [
    'antiseptic cream|first aid',
    'savlon|germolene|antiseptic wipes|antiseptic spray|antiseptic liquid|antiseptic lotion|antiseptic gel',
  ],
  ['antiseptic cream|first aid', 'tcp|iodine|betadine|antiseptic'],
  ['thermometer', 'thermometers|digital thermometer|ear thermometer|braun thermoscan|forehead thermometer'],
  ['insect repellent|insect repellents', 'jungle formula|smidge|deet|mosquito repellent|bug spray'],
  // Vitamins, minerals and supplements by name.
  ['vitamin d|vitamins|supplements', 'vitamin d3|vit d|cholecalciferol|vitamin d tablets|vitamin d drops'],
  ['vitamin c|vitamins|supplements', 'vit c|ascorbic acid|vitamin c tablets|effervescent vitamin c'],
  [
    'multivitamins|vitamins|supplements',
    'centrum|berocca|wellman|wellwoman|vitabiotics|haliborange|multi vitamins|multivitamin tablets|supradyn|perfectil|pregnacare|one a day vitamins|a to z vitamins',
  ],
  [
    'multivitamins|vitamins',
    'vitamin tablets|vitamin gummies|vitamins for kids|childrens vitamins|children s vitamins|kids vitamins',
  ],
  [
    'vitamins|supplements',
    'vitamin a|vitamin b|vitamin b12|vitamin b6|vitamin e|vitamin k|vitamin b1|vitamin b2|vitamin b3|vitamin b complex|b complex|vitamin k2|riboflavin|thiamine|thiamin|niacin|folate|biotin',
  ],
  [
    'iron tablets|supplements|vitamins',
    'iron supplements|ferrous sulphate|ferrous sulfate|ferrous fumarate|feroglobin|spatone|iron pills',
  ],
  [
    'fish oil|supplements|vitamins',
    'seven seas|cod liver oil|omega 3|omega three|omega 3 capsules|krill oil|fish oil capsules',
  ],
  ['supplements|vitamins', 'zinc|magnesium|folic acid|probiotics|glucosamine|evening primrose oil'],
  [
    'supplements|vitamins',
    'calcium|calcium tablets|collagen|selenium|potassium|coq10|co q10|coenzyme q10|turmeric tablets|turmeric capsules|ginseng|echinacea|ginkgo|ginkgo biloba|st johns wort|valerian|milk thistle|garlic capsules|garlic tablets|cranberry capsules|cranberry tablets|flaxseed oil|chondroitin|osteocare|magnesium tablets|zinc tablets|prebiotics',
  ],
  ['sports nutrition', 'protein powder|whey protein|creatine'],
  // Eyes.
  ['eye drops|eye care', 'optrex|hycosan|clinitas'],
  [
    'eye drops|eye care',
    'artificial tears|blephaclean|thealoz|hylo|systane|viscotears|brolene|lubricating eye drops',
  ],
  ['eye care', 'eye wash|eyewash|eye bath|eye lotion|eye ointment|eye gel'],
  ['contact lens solution|eye care', 'lens solution|renu|opti free|biotrue'],
  ['reading glasses', 'reading specs'],
  // Teeth.
  ['toothpaste|dental care', 'colgate|sensodyne|aquafresh|macleans'],
  ['toothpaste|dental care', 'parodontax|euthymol|pronamel|dentifrice|whitening toothpaste'],
  ['mouthwash|dental care', 'listerine|corsodyl|oral b mouthwash|mouth rinse|colgate plax'],
  ['toothbrushes|dental care', 'oral b|oral b toothbrushes|philips sonicare|sonicare'],
  ['toothbrushes|dental care', 'electric toothbrush|toothbrush heads|brush heads|replacement heads'],
  ['dental floss|toothbrushes|dental care', 'interdental brushes|floss picks|dental tape'],
  ['dental floss|dental care', 'floss|tepe|waterpik|water flosser'],
  ['denture cleaner|dental care', 'steradent|polident|denture tablets|denture cleaning tablets'],
  [
    'dental care',
    'denture adhesive|denture fixative|fixodent|poligrip|whitening strips|teeth whitening|tongue scraper|tongue scrapers|tooth powder',
  ],
  // Skin.
  [
    'moisturiser|moisturizer|skincare|skin care',
    'nivea|vaseline|cerave|olay|eucerin|aveeno|doublebase|diprobase',
  ],
  [
    'moisturiser|moisturizer|skincare|skin care',
    'e45|e45 cream|cetaphil|body lotion|moisturising cream|moisturizing cream',
  ],
  [
    'moisturiser|moisturizer|skincare|skin care',
    'face cream|day cream|night cream|body cream|body butter|cocoa butter|shea butter|face moisturiser|face moisturizer|moisturising lotion|moisturizing lotion|eye cream',
  ],
  ['hand cream|moisturiser|moisturizer|skincare', 'hand lotion|hand creams|handcream|neutrogena hand cream'],
  [
    'eczema cream|emollients|moisturiser|moisturizer|skincare',
    'emollient|emollients|emollient cream|cetraben|oilatum|epaderm|dermol|zerobase|hydromol|aproderm',
  ],
  ['face wash|skincare|skin care', 'facial cleanser|face cleanser|micellar water|facial wash|cleansing gel'],
  [
    'skincare|skin care',
    'petroleum jelly|aloe vera gel|serum|face serum|vitamin c serum|hyaluronic acid|exfoliator|face scrub|body scrub|facial toner|la roche posay|bio oil|palmers|neutrogena|clearasil|acne cream|spot cream|spot treatment|acnecide',
  ],
  ['lip balm|lip care|skincare|skin care', 'lip balm|lip salve|chapstick|carmex|blistex|lip balms'],
  ['sun cream|sunscreen|skincare', 'nivea sun|ambre solaire|piz buin|banana boat|coppertone|riemann p20|p20'],
  ['sun cream|skincare', 'after sun|aftersun|after sun lotion|sun spray'],
  [
    'fake tan|self tan|tanning|beauty',
    'self tanner|fake tan|st tropez|bondi sands|tanning lotion|tan mousse',
  ],
  // Makeup and fragrance.
  [
    'makeup|cosmetics|beauty',
    'lipstick|lipsticks|lip gloss|lip liner|mascara|eyeliner|eye liner|eyeshadow|eye shadow|concealer|blusher|bronzer|face powder|foundation|maybelline|rimmel|max factor|revlon|bourjois|nyx|make up|eyebrow pencil|brow pencil',
  ],
  ['fragrance|perfume|beauty', 'perfume|perfumes|aftershave|eau de toilette|eau de parfum|body mist|cologne'],
  // Hair, bath and body.
  ['shampoo', 'conditioner|hair conditioner'],
  [
    'shampoo',
    'head and shoulders|pantene|herbal essences|tresemme|elvive|alberto balsam|garnier fructis|fructis|john frieda|dry shampoo|batiste|anti dandruff shampoo',
  ],
  [
    'hair care|haircare|toiletries|beauty',
    'hair spray|hairspray|hair gel|hair wax|hair mousse|styling gel|hair serum|hair oil|leave in conditioner',
  ],
  [
    'hair dye|hair colour|hair color|hair care|beauty',
    'hair dye|hair colour|hair color|hair colouring|hair coloring|root touch up',
  ],
  [
    'hair accessories|hair care|beauty',
    'hair bobbles|hair ties|hair bands|kirby grips|bobby pins|hair clips|hairbrush|hair brush|hairbrushes|combs',
  ],
  ['soap|shampoo', 'shower gel|body wash|hand wash|bubble bath'],
  [
    'soap|shower gel',
    'radox|imperial leather|carex|palmolive|original source|sanex|lifebuoy|bath foam|bath salts|bath bombs|shower cream|hand soap|liquid soap|soap bars',
  ],
  ['deodorant', 'lynx|right guard|dove deodorant|old spice'],
  ['deodorant', 'antiperspirant|anti perspirant|roll on deodorant|body spray|rexona|mitchum|deodorant spray'],
  ['razors', 'razor blades|shaving foam|shaving gel'],
  [
    'razors',
    'gillette|wilkinson sword|bic razors|shaving cream|shave gel|shave foam|disposable razors|razor refills|king of shaves|shavers',
  ],
  [
    'feminine hygiene|sanitary products|period products|toiletries',
    'tampons|sanitary towels|sanitary pads|panty liners|pantyliners|period pants|menstrual cups|tampax|bodyform|lil lets|kotex|playtex',
  ],
  ['condoms|sexual health', 'durex|trojan condoms|skyn condoms'],
  // Baby.
  ['nappies|diapers|baby', 'pampers|huggies'],
  ['nappies|diapers|baby', 'nappy pants|pull ups|swim nappies|little swimmers|training pants'],
  ['baby wipes|wipes|baby', 'waterwipes|water wipes|wet wipes'],
  [
    'baby formula|formula|baby milk|baby',
    'aptamil|sma|hipp organic|kendamil|similac|enfamil|first infant milk|first milk|follow on milk|infant formula|formula milk|growing up milk',
  ],
  [
    'baby food|baby',
    'baby rice|rusks|baby rusks|farleys rusks|ella s kitchen|ellas kitchen|baby porridge|weaning food|baby puree|baby purees',
  ],
  [
    'baby bottles|baby care|baby',
    'feeding bottles|nursing bottles|tommee tippee bottles|mam bottles|philips avent|avent bottles|bottle teats|teats',
  ],
  ['dummies|baby care|baby', 'pacifiers|pacifier|dummy'],
  ['teething gel|baby care', 'bonjela|anbesol|dentinox'],
  ['nappy cream|baby care', 'metanium|drapolene'],
  ['nappy cream|baby care', 'sudocrem|bepanthen|nappy rash cream|nappy balm|barrier cream'],
  [
    'baby care|baby',
    'teething rings|teethers|teething toys|teething powders|ashton and parsons|gripe water|infacol|colief|baby lotion|baby oil|baby shampoo|baby bath|baby wash|baby powder|baby bath wash|baby moisturiser|bibs|muslins|muslin cloths|baby nail clippers|baby thermometer|johnsons baby|johnson s baby',
  ],
];
