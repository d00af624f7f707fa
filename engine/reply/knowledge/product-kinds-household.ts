// Household, cleaning and pet kinds for product-kinds.ts: [general names, most specific first; kinds].
export const HOUSEHOLD_KINDS: readonly [general: string, kinds: string][] = [
  // Cleaning products and tools.
  [
    'cleaning|detergent',
    'bleach|disinfectant|surface spray|surface cleaner|multi purpose cleaner|furniture polish|sponges|scourers|oven cleaner|toilet cleaner',
  ],
  [
    'cleaning|household',
    'limescale remover|descaler|drain unblocker|drain cleaner|window cleaner|glass cleaner|carpet cleaner|floor cleaner|kitchen cleaner|bathroom cleaner|antibacterial spray|antibacterial wipes|disinfectant wipes|cream cleaner|scouring pads|wire wool|steel wool|brillo pads|brillo',
  ],
  [
    'cleaning|household',
    'mops|mop heads|brooms|dustpan|dustpan and brush|dusters|feather duster|microfibre cloths|microfiber cloths|dishcloths|dish cloths|j cloths|scrubbing brush|washing up brush|rubber gloves|cleaning gloves|squeegee|mop bucket|toilet brush|toilet duck',
  ],
  ['detergent|cleaning', 'fabric softener|fabric conditioner|dishwasher tablets|stain remover'],
  [
    'detergent|cleaning',
    'laundry pods|washing pods|laundry capsules|liquitabs|colour catchers|color catchers|dryer sheets|tumble dryer sheets|rinse aid|dishwasher salt|dishwasher tabs',
  ],
  // Cleaning and laundry by the brand shoppers know them by (British and American).
  ['washing up liquid|cleaning', 'fairy liquid|fairy washing up liquid'],
  ['detergent|cleaning', 'persil|ariel|daz|fairy non bio|lenor|ecover|oxiclean|oxi clean'],
  [
    'cleaning|detergent',
    'domestos|cif|mr muscle|harpic|dettol spray|zoflora|clorox|lysol|windex|swiffer|viakal|flash spray',
  ],
  ['air freshener|air fresheners', 'febreze|glade|air wick|plug in air freshener'],
  // Paper, wrap and other household goods.
  ['toilet paper|toilet roll', 'andrex|cushelle|charmin|velvet toilet tissue'],
  [
    'kitchen wrap|food wrap|food storage',
    'cling film|clingfilm|baking paper|greaseproof paper|parchment paper|sandwich bags|freezer bags|food bags|ziploc bags',
  ],
  ['batteries', 'duracell|energizer'],
  ['light bulbs', 'lightbulbs|led bulbs|energy saving bulbs|halogen bulbs'],
  ['candles', 'tea lights|tealights|scented candles'],
  // Pet food.
  ['cat food|pet food', 'cat treats|cat biscuits'],
  [
    'cat food|pet food',
    'whiskas|felix|sheba|go cat|dreamies|kitekat|applaws|friskies|meow mix|fancy feast|iams cat food',
  ],
  ['cat litter|pet food', 'kitty litter|catsan'],
  ['dog food|pet food', 'dog treats|dog biscuits|dog chews'],
  [
    'dog food|pet food',
    'pedigree|winalot|purina|chappie|wagg|harringtons|lilys kitchen|lily s kitchen|bonio|bonios|dentastix|markies|rawhide|alpo|milk bone|gravy bones',
  ],
  ['pet food', 'bird seed|bird food|fish food|rabbit food'],
  [
    'pet food',
    'hamster food|guinea pig food|budgie food|parrot food|chinchilla food|fish flakes|royal canin',
  ],
  ['bird food|pet food', 'fat balls|suet balls|mealworms'],
];
