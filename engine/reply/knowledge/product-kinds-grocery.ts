// Food and drink kinds for product-kinds.ts: [general names, most specific first; kinds], by aisle.
export const GROCERY_KINDS: readonly [general: string, kinds: string][] = [
  // Pasta, rice, grains and pulses.
  [
    'pasta',
    'spaghetti|penne|fusilli|macaroni|lasagne|lasagna|tagliatelle|linguine|rigatoni|farfalle|ravioli|tortellini|lasagne sheets',
  ],
  [
    'pasta',
    'orzo|conchiglie|cannelloni|pappardelle|orecchiette|bucatini|fettuccine|fettuccini|ziti|rotini|cavatappi|ditalini|capellini|spaghettini|gemelli|paccheri|casarecce|tortelloni|cappelletti|manicotti|barilla|de cecco',
  ],
  ['noodles|pasta', 'ramen|udon|soba'],
  ['rice', 'basmati|arborio|carnaroli|uncle bens|ben s original|tilda'],
  [
    'grains|food cupboard|pantry',
    'quinoa|couscous|cous cous|bulgur|bulgar|bulghur|bulgur wheat|bulgar wheat|polenta|pearl barley|freekeh|semolina|millet|buckwheat|cornmeal|farro|amaranth',
  ],
  ['beans|tins', 'chickpeas|chick peas|lentils|split peas|butter beans|kidney beans'],
  [
    'beans|pulses|tins',
    'black beans|pinto beans|cannellini beans|borlotti beans|haricot beans|black eyed beans|black eyed peas|aduki beans|adzuki beans|mung beans|refried beans|flageolet beans',
  ],
  ['tinned tomatoes|tins|canned food', 'chopped tomatoes|plum tomatoes|peeled tomatoes'],
  ['soup|tins', 'minestrone|broth'],
  // Sauces, condiments, oils and pickles.
  [
    'sauces|condiments',
    'ketchup|tomato ketchup|mayonnaise|mayo|mustard|pesto|gravy|soy sauce|soya sauce|brown sauce|salad cream|barbecue sauce|bbq sauce|hot sauce|chilli sauce|pasta sauce|curry sauce|relish|chutney',
  ],
  [
    'sauces|condiments',
    'tabasco|sriracha|harissa|aioli|horseradish|worcestershire sauce|hoisin|teriyaki|tartare sauce|mint sauce|apple sauce|cranberry sauce|sweet chilli sauce|fish sauce|oyster sauce|piri piri sauce|peri peri sauce',
  ],
  [
    'vinegar|condiments',
    'balsamic|balsamic vinegar|malt vinegar|cider vinegar|apple cider vinegar|wine vinegar|red wine vinegar|white wine vinegar|sherry vinegar',
  ],
  [
    'pickles|condiments',
    'gherkins|cornichons|pickled onions|capers|piccalilli|branston pickle|pickled beetroot',
  ],
  ['dips', 'hummus|houmous|humous|guacamole|tzatziki|taramasalata'],
  [
    'cooking oil|oils|oil',
    'olive oil|extra virgin olive oil|sunflower oil|vegetable oil|rapeseed oil|groundnut oil|sesame oil',
  ],
  // Spices, seasonings and herbs: leafy herbs mostly sold fresh go with the fresh herbs, those mostly
  // sold dried with the dried ones; thyme, rosemary and sage are sold both ways, so they are left out.
  ['spices', 'curry powder|paprika|cumin|cinnamon|chilli powder|nutmeg|turmeric|black pepper'],
  [
    'spices',
    'cloves|cardamom|star anise|allspice|cayenne|cayenne pepper|chilli flakes|chili flakes|garam masala|mixed spice|saffron|fennel seeds|cumin seeds|mustard seeds|coriander seeds|ground coriander|ground ginger|peppercorns|white pepper|five spice|chinese five spice|ras el hanout|sumac|za atar|zaatar|onion powder|garlic powder|garlic salt|celery salt|caraway seeds|schwartz',
  ],
  [
    'seasonings|seasoning|spices',
    'cajun seasoning|jerk seasoning|fajita seasoning|piri piri seasoning|peri peri seasoning|steak seasoning',
  ],
  [
    'fresh herbs|herbs|produce',
    'basil|coriander|cilantro|parsley|flat leaf parsley|chives|dill|fresh mint|mint leaves|fresh thyme|fresh rosemary|fresh sage|fresh oregano|fresh tarragon|lemongrass',
  ],
  [
    'dried herbs|herbs and spices',
    'oregano|mixed herbs|herbes de provence|bay leaves|dried basil|dried parsley|dried oregano|dried thyme|dried rosemary|dried sage|dried mint|dried herbs',
  ],
  // Baking.
  [
    'baking|home baking',
    'baking powder|bicarbonate of soda|bicarb|baking soda|yeast|dried yeast|vanilla extract|vanilla essence|vanilla pods|cocoa powder|food colouring|food coloring|sprinkles|hundreds and thousands|glace cherries|marzipan|fondant icing|ground almonds|desiccated coconut|chocolate chips|suet|gelatine|gelatin',
  ],
  ['flour|baking', 'cornflour|cornstarch|corn starch'],
  ['sugar|baking', 'demerara|muscovado'],
  ['sweeteners|sweetener', 'canderel|splenda|stevia|sweetex'],
  ['syrup|syrups|baking', 'golden syrup|treacle|black treacle|molasses'],
  ['syrup|syrups', 'maple syrup|agave syrup'],
  ['dried fruit|baking', 'raisins|sultanas|currants|prunes|dried apricots|dried cranberries|dried mango'],
  // Fruit, vegetables and salad.
  [
    'fruit',
    'strawberries|raspberries|blueberries|blackberries|berries|grapes|oranges|lemons|limes|pears|peaches|nectarines|plums|cherries|apricots|melon|melons|watermelon|mango|mangoes|pineapple|pineapples|kiwi|kiwis|satsumas|clementines|tangerines|grapefruit|avocados|avocado',
  ],
  [
    'fruit',
    'figs|pomegranate|pomegranates|passion fruit|papaya|papayas|lychees|guava|guavas|persimmons|sharon fruit|cranberries|gooseberries|redcurrants|blackcurrants|kumquats|dragon fruit|star fruit|starfruit|mandarins|physalis|honeydew melon|cantaloupe|galia melon',
  ],
  [
    'vegetables|veg',
    'carrots|onions|broccoli|cabbage|cauliflower|lettuce|cucumber|cucumbers|peppers|mushrooms|courgettes|zucchini|aubergines|aubergine|eggplant|leeks|parsnips|spinach|kale|celery|sweetcorn|garlic|beetroot|sprouts|brussels sprouts|spring onions|sweet potatoes|green beans|asparagus|butternut squash',
  ],
  [
    'vegetables|veg',
    'turnips|swede|swedes|radishes|artichokes|globe artichokes|jerusalem artichokes|okra|pak choi|bok choy|chard|swiss chard|celeriac|kohlrabi|shallots|red onions|mangetout|sugar snap peas|runner beans|broad beans|french beans|corn on the cob|pumpkin|pumpkins|marrow|yams|cassava|fennel|chillies|chilies|chili peppers|fresh ginger|root ginger|portobello mushrooms|shiitake|bean sprouts|beansprouts|tenderstem broccoli|purple sprouting broccoli|cavolo nero|savoy cabbage|red cabbage|baby corn|garlic cloves|garlic bulbs',
  ],
  [
    'salad|vegetables|veg',
    'iceberg lettuce|romaine|romaine lettuce|little gem|little gems|cos lettuce|watercress|rocket leaves|lambs lettuce|radicchio|endive|chicory|mixed leaves|baby leaf',
  ],
  [
    'potatoes|vegetables',
    'maris piper|maris pipers|king edwards|king edward potatoes|charlotte potatoes|jersey royals',
  ],
  // Bread and bakery.
  ['bread|bakery', 'crumpets|wraps|pitta|pitta bread|naan|naan bread|tortillas|sourdough|rye bread'],
  [
    'bread|bakery',
    'ciabatta|focaccia|brioche|bloomer|granary|granary bread|wholemeal|wholemeal bread|pumpernickel|challah|chapati|chapatis|chapatti|chapattis|roti|rotis|flatbread|flatbreads|pita|pita bread|tiger bread|soda bread|malt loaf|english muffins|warburtons|hovis|kingsmill|allinson',
  ],
  ['rolls|bread|bakery', 'baps|barm cakes|burger buns|hot dog buns|brioche buns|finger rolls|bread buns'],
  [
    'pastries|cakes|bakery',
    'doughnuts|donuts|scones|danish pastries|pain au chocolat|cinnamon rolls|eclairs',
  ],
  [
    'pastries|cakes|bakery',
    'pain aux raisins|pain au raisin|turnovers|apple turnovers|custard tarts|bakewell tarts|mince pies|eccles cakes|chelsea buns|iced buns|belgian buns|cinnamon buns|hot cross buns|vanilla slices|cream horns|strudel|apple strudel|baklava',
  ],
  [
    'cakes|bakery',
    'cupcakes|brownies|flapjacks|macarons|victoria sponge|swiss roll|swiss rolls|battenberg|madeira cake|fruit cake|lemon drizzle|mr kipling',
  ],
  ['bakery', 'teacakes'],
  // Dairy and chilled.
  [
    'cheese',
    'cheddar|brie|camembert|mozzarella|parmesan|feta|stilton|halloumi|edam|gouda|goats cheese|goat cheese|cottage cheese',
  ],
  [
    'cheese',
    'wensleydale|red leicester|double gloucester|gruyere|emmental|emmenthal|manchego|pecorino|ricotta|mascarpone|paneer|gorgonzola|roquefort|dolcelatte|taleggio|provolone|jarlsberg|leerdammer|raclette|burrata|boursin|shropshire blue|monterey jack|havarti|port salut|grana padano|parmigiano|parmigiano reggiano|cream cheese|soft cheese|quark|kraft singles|primula|cathedral city|philadelphia|babybel|dairylea|laughing cow|pilgrims choice|applewood',
  ],
  [
    'yoghurt|yogurt|dairy',
    'skyr|fromage frais|greek yoghurt|greek yogurt|petits filous|muller|activia|yeo valley|onken|danone|actimel',
  ],
  ['cream|dairy', 'creme fraiche|elmlea'],
  ['milk|dairy', 'semi skimmed|skimmed milk|whole milk|full fat milk|buttermilk|cravendale'],
  ['dairy', 'kefir|yakult'],
  ['dairy alternatives|dairy free|free from', 'alpro|oatly'],
  // Shops keep margarine by the butter, though WordNet files it under spreads (wordnet-kinds.ts).
  ['butter|spreads', 'margarine|marge'],
  ['butter', 'lurpak|anchor|country life|flora|ghee|kerrygold|utterly butterly'],
  // Meat, poultry, fish and their alternatives.
  ['pork|meat', 'bacon|ham|gammon|pork chops'],
  [
    'pork|meat',
    'pork belly|pork loin|spare ribs|pork ribs|pulled pork|pork shoulder|streaky bacon|back bacon|lardons',
  ],
  [
    'sausages|meat',
    'chipolatas|bratwurst|frankfurters|hot dogs|black pudding|cumberland sausages|lincolnshire sausages',
  ],
  [
    'cured meats|cold meats|cooked meats|charcuterie|meat',
    'salami|chorizo|pepperoni|prosciutto|parma ham|serrano ham|pancetta|bresaola|pastrami|mortadella',
  ],
  ['beef|meat', 'steak|steaks|burgers|beef burgers|meatballs'],
  [
    'beef|meat',
    'sirloin|sirloin steak|ribeye|rib eye|rump steak|fillet steak|brisket|oxtail|topside|silverside|stewing steak|braising steak|t bone|short ribs|diced beef|roast beef|corned beef',
  ],
  ['lamb|meat', 'mutton|lamb chops|leg of lamb|rack of lamb|lamb shanks'],
  ['chicken|poultry|meat', 'poussin|chicken breasts|chicken thighs|chicken wings|chicken drumsticks'],
  ['meat', 'turkey|duck|venison|veal'],
  ['poultry|meat', 'goose|quail|guinea fowl|turkey breast|duck breast'],
  ['game|meat', 'pheasant|partridge|wild boar'],
  ['offal|meat', 'liver|lambs liver|chicken livers|kidneys'],
  ['seafood|fish', 'prawns|shrimp|crab|mussels|lobster|scampi'],
  [
    'seafood|fish',
    'squid|calamari|octopus|scallops|clams|oysters|cockles|langoustines|crayfish|king prawns|tiger prawns',
  ],
  ['fish|seafood', 'cod|haddock|mackerel|trout|sardines|plaice|sea bass'],
  [
    'fish|seafood',
    'pollock|hake|halibut|tilapia|basa|monkfish|swordfish|sea bream|bream|anchovies|herring|herrings|kippers|whitebait|lemon sole|dover sole|red snapper|snapper|catfish|pilchards|smoked haddock',
  ],
  ['meat free|meat alternatives|vegetarian', 'quorn'],
  ['meat free|meat alternatives|vegetarian|vegan', 'tofu|tempeh|seitan'],
  // Frozen.
  ['frozen', 'fish fingers|oven chips|frozen chips|ice lollies|ice pops'],
  ['frozen', 'potato waffles|hash browns|birds eye|mccain'],
  [
    'ice cream|frozen',
    'magnum|cornetto|ben and jerrys|ben jerrys|haagen dazs|carte d or|choc ices|sorbet|gelato',
  ],
  ['ice lollies|ice pops|frozen', 'popsicles|calippo'],
  // Breakfast and spreads.
  ['cereal', 'weetabix|rice krispies|shreddies|cheerios'],
  [
    'cereal',
    'kelloggs|kellogg s|crunchy nut|special k|coco pops|frosties|shredded wheat|alpen|quaker|golden nuggets|honey loops|cinnamon grahams|fruit and fibre|frosted flakes|froot loops|lucky charms|raisin bran|all bran|oatibix|weetos|cookie crisp',
  ],
  ['porridge|oats|cereal', 'ready brek|oat so simple|oatmeal|rolled oats|porridge oats'],
  ['jam|spreads', 'marmalade|lemon curd|chocolate spread|conserve|preserves|fruit spread'],
  ['spreads|jam', 'marmite|nutella|bonne maman|hartleys|vegemite|biscoff spread'],
  ['nut butter|spreads', 'almond butter|cashew butter'],
  ['tea', 'teabags|tea bags|earl grey|herbal tea|green tea|peppermint tea'],
  [
    'tea',
    'rooibos|redbush|camomile tea|chamomile tea|lapsang souchong|assam|darjeeling|chai|matcha|fruit tea|pg tips|yorkshire tea|tetley|twinings|typhoo|clipper tea|pukka tea',
  ],
  ['coffee', 'instant coffee|ground coffee|coffee beans|coffee pods|espresso'],
  [
    'coffee',
    'nescafe|kenco|douwe egberts|carte noire|folgers|maxwell house|lavazza|illy|nespresso|dolce gusto|tassimo|decaf coffee|filter coffee|coffee capsules',
  ],
  ['malted drinks|hot drinks', 'horlicks|ovaltine'],
  // Snacks, sweets and biscuits.
  // Macadamias too: WordNet's "macadamia" is only the tree, which would be sent to the plants (wordnet-kinds.ts).
  [
    'nuts|snacks',
    'peanuts|cashews|cashew nuts|pistachios|walnuts|hazelnuts|almonds|brazil nuts|mixed nuts|macadamias|macadamia nuts|pecans|pecan nuts',
  ],
  [
    'seeds',
    'pumpkin seeds|sunflower seeds|chia seeds|flaxseeds|flax seeds|linseeds|sesame seeds|poppy seeds',
  ],
  ['nuts|snacks', 'pine nuts|trail mix|salted peanuts|dry roasted peanuts'],
  ['sweets|snacks', 'lollipops|mints|chewing gum|jelly babies|toffees|fudge'],
  [
    'sweets|candy',
    'gummy bears|jelly beans|liquorice|licorice|marshmallows|boiled sweets|humbugs|sherbet|love hearts|parma violets|tic tacs|polos|wrigleys|werthers|werther s|rowntrees|maynards|swizzels|chewits|jelly tots|percy pigs|jolly ranchers|twizzlers|sour patch kids',
  ],
  ['crisps|snacks', 'popcorn|pretzels|tortilla chips'],
  [
    'crisps|snacks',
    'pringles|doritos|quavers|wotsits|monster munch|hula hoops|kettle chips|ruffles|cheetos|tyrrells|mccoys|frazzles|nik naks|pom bears|fritos|tostitos',
  ],
  ['snacks', 'pork scratchings|twiglets|rice cakes|cereal bars|granola bars|protein bars|breakfast bars'],
  ['biscuits', 'digestives|shortbread|custard creams|hobnobs'],
  ['biscuits|cookies', 'mcvities|mcvitie s|oreos|jaffa cakes|rich tea'],
  [
    'biscuits|cookies',
    'gingernuts|ginger nuts|ginger snaps|bourbon biscuits|jammie dodgers|party rings|fig rolls|garibaldi|malted milk|malted milks|pink wafers|chocolate digestives|chips ahoy|biscoff|lotus biscuits|viennese whirls|snickerdoodles',
  ],
  [
    'crackers|biscuits',
    'cream crackers|crispbreads|crispbread|ryvita|oatcakes|jacobs crackers|ritz crackers|tuc',
  ],
  [
    'chocolate|sweets',
    'dairy milk|galaxy|maltesers|kitkat|kit kat|mars bars|mars bar|snickers|twix|toblerone|hersheys|hershey s|reeses|reese s|m ms',
  ],
  [
    'chocolate|sweets',
    'cadbury|cadburys|cadbury s|milky way|crunchie|wispa|aero|yorkie|lindt|ferrero rocher|quality street|milkybar|freddo|double decker|terrys chocolate orange|chocolate orange|green and blacks|thorntons|milka|ritter sport|kinder|kinder bueno|kinder eggs|easter eggs|chocolate bars|chocolate buttons',
  ],
  ['sweets|candy', 'haribo|starburst|skittles|fruit pastilles|wine gums'],
  // Drinks.
  [
    'soft drinks|soda|drinks',
    'lemonade|orangeade|squash|orange squash|cordial|ginger ale|ginger beer|tonic water|tonic|energy drinks|energy drink|fizzy water|iced tea',
  ],
  [
    'soft drinks|soda|drinks',
    'cream soda|root beer|dandelion and burdock|fanta|sprite|7up|seven up|tango|irn bru|dr pepper|lucozade|red bull|ribena|robinsons|vimto|mountain dew|schweppes|j2o|appletiser|capri sun|fruit shoot|rubicon|monster energy',
  ],
  ['cola|soft drinks|soda', 'coca cola|pepsi|pepsi max|diet coke|coke zero|diet pepsi'],
  ['juice|drinks', 'tropicana|copella|ocean spray'],
  ['water', 'evian|volvic|buxton|highland spring|perrier|san pellegrino|smartwater'],
  ['beer|alcohol', 'lager|lagers|ale|ales|stout|ipa'],
  [
    'beer|alcohol',
    'pilsner|pale ale|bitter ale|heineken|budweiser|carlsberg|peroni|fosters|kronenbourg|san miguel|birra moretti|coors|bud light|estrella|stella artois|becks|guinness|newcastle brown|old speckled hen',
  ],
  ['alcohol|beer', 'cider|ciders'],
  ['cider|alcohol|beer', 'strongbow|magners|bulmers|thatchers|kopparberg|old mout'],
  ['spirits|alcohol', 'vodka|gin|whisky|whiskey|rum|brandy|tequila|cognac|liqueur'],
  [
    'spirits|alcohol',
    'schnapps|absinthe|sambuca|grappa|mezcal|amaretto|baileys|cointreau|jagermeister|pimms|smirnoff|bombay sapphire|tanqueray|hendricks|jack daniels|jameson|famous grouse|bacardi|captain morgan|glenfiddich|jose cuervo|aperol|limoncello|scotch whisky|single malt|armagnac',
  ],
  ['wine|alcohol', 'prosecco|champagne|cava|sherry'],
  [
    'wine|alcohol',
    'rioja|merlot|shiraz|malbec|pinot grigio|sauvignon blanc|chardonnay|cabernet sauvignon|pinot noir|chianti|claret|beaujolais|chablis|muscadet|zinfandel|riesling|grenache|tempranillo|moscato|sangria|rose wine|mulled wine|port wine',
  ],
  // Sauces and spreads by the brand shoppers know them by.
  [
    'sauces',
    'dolmio|ragu|loyd grossman|hp sauce|heinz ketchup|hellmanns|hellmann s|sacla|lea and perrins|nandos sauce',
  ],
  ['gravy|sauces', 'bisto|oxo'],
];
