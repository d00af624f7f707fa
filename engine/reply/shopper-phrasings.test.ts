import { afterAll, describe, expect, it } from 'vitest';
import { resolvePath } from '../paths/app-root.ts';
import { KnowledgeBase } from './knowledge/knowledge-base.ts';
import { ReplyService } from './reply-service.ts';

// Real knowledge bases (the sample store and the pharmacy) and the reply service; the expected
// sections and words are read off the Markdown by hand.
const quiet = { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } } as never;
const open = (dir: string) =>
  new ReplyService({
    kb: KnowledgeBase.open(resolvePath(dir)),
    router: { maxLocalContextTokens: 512, maxLocalGenerationTokens: 200 },
    clock: () => new Date('2026-12-01T10:00:00Z'), // a Tuesday morning in London
    logger: quiet,
  });
const store = open('assets/knowledge');
const pharmacy = open('assets/shops/pharmacy');
afterAll(async () => {
  await store.close();
  await pharmacy.close();
});

/** The case every table below checks: the first source is that section and the answer says the words. */
const answersFrom = (shop: ReplyService) => async (q: string, section: string, says: RegExp) => {
  const r = await shop.answer({ text: q });
  expect(r.sources[0]).toBe(section);
  expect(r.answer).toMatch(says);
};

describe('questions the way shoppers put them', () => {
  it.each([
    ['have you got any sourdough bread', 'bakery', /Aisle 1/],
    ["I'm after some honey", 'breakfast', /Aisle 7/],
    ['any idea where the tomatoes are', 'produce', /Aisle 2/],
    ['hi there, sorry to bother you, could you tell me where I’d find the coffee', 'breakfast', /Aisle 7/],
    ['um where’s the er the milk', 'dairy', /Aisle 3/],
    ['how do I get in touch with you', 'contact', /01632 960 123/],
    ["where's the gents", 'restrooms', /back of the store/],
    ['is there somewhere I can change a nappy', 'restrooms', /baby changing room/],
    ["where do I go if I've lost my phone", 'customer-service', /lost property/],
    ['do you accept american express', 'payment', /credit cards/],
    ['what time does the bakery open', 'bakery-counter', /7 am/],
    ['is the gluten free pasta on aisle six', 'free-from', /Aisle 6/],
    ['do you have disabled parking', 'parking', /8 disabled bays/],
    // Food gone off is a returns question; a banknote is cash; a cake made is the bakery counter's.
    ['the yoghurt i bought yesterday was off', 'returns', /Fresh food can be returned within 2 days/],
    // (The sentence picked is the one that shares the question's words: "50 pounds" of cashback.)
    ['will you take a fifty pound note', 'payment', /cash|50 pounds/i],
    ['would it be possible to have a cake made for saturday', 'bakery-counter', /48 hours' notice/],
    ['is there a disabled loo', 'restrooms', /accessible toilet/],
    ['someone handed in my keys, where would they be', 'customer-service', /lost property/],
    // A bare product name asks whether the shop has it; kinds count (burgers are beef, teabags tea).
    ['burgers', 'meat', /Aisle 4/],
    ['teabags', 'breakfast', /Aisle 7/],
    ['razors and shaving foam', 'health-beauty', /Aisle 11/],
    // "It" / "they" asked for is what the clause before names.
    ['the kids want crisps, where are they', 'snacks', /Aisle 8/],
    ['i forgot the milk, which aisle is it', 'dairy', /Aisle 3/],
    ['what are you', 'welcome', /help kiosk/],
    ['what can i ask you about', 'welcome', /help kiosk/],
    ['how is the store laid out', 'departments', /twelve aisles/],
    ['where are the tastings held', 'events', /free food tastings/],
    // Coming in at a time asks the opening hours (Friday 8 am to 10 pm, Sunday 10 am to 4 pm).
    ['can i come in at 9.30 on a friday night', 'hours', /Friday we are open from 8 am to 10 pm/],
    ["what's the latest i can shop on a sunday", 'hours', /Sunday we are open from 10 am to 4 pm/],
  ])('%s → %s', answersFrom(store));

  it.each([
    ['is there a disabled space', 'parking', /disabled bay right outside/],
    ["i've run out of my inhaler, can i order more", 'prescriptions', /Repeat prescriptions/],
    ['would it be possible to have a quick chat with the pharmacist', 'consultation', /in private/],
    // Sunburn is the sun-care shelf's (the skincare aisle), not first aid for burns.
    ['i got sunburnt, have you got something', 'skincare', /Aisle 3/],
  ])('pharmacy: %s → %s', answersFrom(pharmacy));

  it.each(['where can I buy a phone charger', 'do you repair mobile phones', 'do you sell hearing aids'])(
    '%s: the shop does not list it, so no listed answer is given for it',
    async (q) => {
      const r = await (q.includes('hearing') ? pharmacy : store).answer({ text: q });
      expect(r.declined).toBe(true);
      expect(r.sources).toEqual([]);
    },
  );

  it.each([
    // Everyday product names the files spell differently.
    ['do you sell loo roll', 'household', /toilet paper/],
    ['do you sell spuds', 'produce', /Aisle 2/],
    ["where's the sunscreen", 'health-beauty', /Aisle 11/],
    // How a product is kept decides its aisle; a participle describes the product after it.
    ['where are the tinned tomatoes', 'pantry', /tinned tomatoes in Pasta, rice and tins: Aisle 6/],
    ['where is the baked goods section', 'bakery-counter', /aisle 1/],
    ['where are the cans of beer', 'drinks', /Aisle 9/],
    ['do you sell baked beans', 'pantry', /Aisle 6/],
    ['have you got any frozen chicken', 'frozen', /Aisle 5/],
    // "Till" before a time is until, not the checkout.
    ['are you open till ten on thursdays', 'hours', /Thursday we are open from 8 am to 10 pm/],
    ['where are you located', 'contact', /12 Orchard Road/],
    ['i found a purse who should i hand it to', 'customer-service', /lost property/],
    ['can i pay with my phone', 'payment', /contactless/],
    ['is there a limit on cashback', 'payment', /50 pounds/],
    ['is there a time limit on the car park', 'parking', /up to 3 hours/],
    ['can i get a copy of my house key', 'key-cutting', /Keys are cut/],
    ['can i get my groceries delivered', 'contact', /Home delivery/],
    ['is there somewhere i can change a nappy', 'restrooms', /baby changing room/],
    // Two listed things are not a variant of one ("rice" makes rice milk, not "rice and pasta").
    ["where's the rice and pasta", 'pantry', /Aisle 6/],
    ['do you have any porridge oats', 'breakfast', /Aisle 7/],
    ['i bought the wrong size can i change it', 'returns', /return/],
    ['my milk was off can i get a refund', 'returns', /refund/],
    ["what's your website", 'contact', /greenleaf-market\.example/],
    ['where is greenleaf market', 'contact', /12 Orchard Road/],
    ['do you have paper towels', 'household', /kitchen roll/],
    ['Can I use my points online?', 'loyalty', /points/],
    ['Where can I get rid of old batteries?', 'recycling', /Recycling bins for batteries/],
    // "Is it true…" only frames the question; a general keyword ("free" for parking) names no place.
    ['is it true you sell free range eggs', 'dairy', /Aisle 3/],
    ["where can i change my baby's nappy", 'restrooms', /baby changing room/],
  ])('%s → %s', answersFrom(store));

  it.each([
    // The thing comes last and its kind before it: soup, juice and ice cream, not chicken, apple or chocolate.
    ['where is the chicken soup', 'pantry', /chicken soup in Pasta, rice and tins: Aisle 6/],
    ['do you sell tomato soup', 'pantry', /Aisle 6/],
    ['where can i find apple juice', 'drinks', /Aisle 9/],
    ['have you got butter beans', 'pantry', /Aisle 6/],
    ["where's the chocolate ice cream", 'frozen', /Aisle 5/],
    ['where do you keep chicken noodle soup', 'pantry', /Aisle 6/],
    // …unless the kind's own aisle lists that kind of thing (the baby aisle has "baby milk").
    ['do you sell formula milk', 'baby', /Aisle 12/],
    ['where is the gluten free bread', 'free-from', /Aisle 6, at the end nearest the tills/],
    ['where is the double cream', 'dairy', /Aisle 3/],
    ['where is the hand soap', 'health-beauty', /Aisle 11/],
    // "Aisle" is in every department's location, so only the overview's title names it.
    ['how many aisles are there', 'departments', /twelve aisles/],
  ])('head of the phrase: %s → %s', answersFrom(store));

  it.each([
    // Slips of the finger are mended only when the question as typed finds nothing.
    ['wher is the mlik', 'dairy', /Aisle 3/],
    ['do you have any chocolatr biscuits', 'snacks', /Aisle 8/],
    ["i'm after some pork chops", 'meat', /Aisle 4/],
    // Indirect and elderly ways of asking; the request is the embedded clause.
    ['would you kindly tell me where the eggs are kept', 'dairy', /Aisle 3/],
    ['excuse me dear, i need to spend a penny', 'restrooms', /back of the store/],
    ['i think i mislaid my umbrella in here', 'customer-service', /lost property/],
    ['my toaster stopped working, can i get my money back', 'returns', /refund/],
    // …but the shopper's own card not working is a payment question, not a faulty item.
    ["my card doesn't work", 'payment', /debit and credit cards/],
    ['the kettle i bought doesnt work', 'returns', /refund/],
    ['my daughter says you can deliver, how does that work', 'contact', /Home delivery/],
    // Follow-ups and bare names: the aisle that lists the product, not one with a longer name for it.
    ['what about the milk', 'dairy', /Aisle 3/],
    ['milk?', 'dairy', /Aisle 3/],
    ['young man, where do you keep the biscuits', 'snacks', /Aisle 8/],
    ['i would be most grateful if you could point me to the tea', 'breakfast', /Aisle 7/],
    ['do you have any bananna', 'produce', /Aisle 2/],
    ['can somebody help me find the honey', 'breakfast', /Aisle 7/],
    ['do you take empty jars', 'recycling', /Recycling bins/],
    ['what time does the bread come out of the oven', 'bakery-counter', /7 am/],
    // Everyday names for listed products.
    ['have you got any cornflakes', 'breakfast', /Aisle 7/],
    ['i need washing powder', 'household', /Aisle 10/],
    ['do you sell coke', 'drinks', /Aisle 9/],
    ['where can i get a loaf', 'bakery', /Aisle 1/],
  ])('batch 7 style: %s → %s', answersFrom(store));

  it('tin foil is not a tin: not listed, so not answered as the tins aisle', async () => {
    const r = await store.answer({ text: 'have you got any tin foil' });
    expect(r.declined).toBe(true);
    expect(r.sources).toEqual([]);
  });

  it.each([
    'these screens confuse me, is there someone i could talk to',
    // Help only a person can give.
    'my eyes are bad, could somebody help me with my shopping',
    "i can't reach the tins on the top shelf",
  ])('%s: raises a staff call', async (q) => {
    expect((await store.answer({ text: q })).action).toBe('staff-call');
  });

  it.each(['where can i find hand cream', 'do you sell face cream'])(
    '%s: a care cream the store does not list, near health and beauty, not the dairy cream',
    async (q) => {
      const r = await store.answer({ text: q });
      expect(r.declined).toBe(true);
      expect(r.sources).toEqual([]);
      expect(r.answer).toMatch(/Health and beauty is in Aisle 11/);
      expect(r.answer).not.toMatch(/Dairy/);
    },
  );

  it.each([
    ['do you have hand cream', 'skincare', /Aisle 3/],
    ['how many aisles are there', 'shop', /six aisles/],
    ['can you deliver my prescription, i cant get out of the house', 'delivery', /housebound/],
    ['could somebody drop my tablets round', 'delivery', /deliver/],
    ["i'd like a quick word with the pharmacist", 'consultation', /in private/],
    ['i have to keep an eye on my blood pressure', 'blood-pressure', /Free blood pressure checks/],
    ['have you got band aids', 'first-aid', /Aisle 2/],
    ['i need to pick up my prescription', 'prescriptions', /counter/],
    ['do you sell paracetomol', 'pain-relief', /ask the pharmacist/],
    ['my knee hurts, what can i take for it', 'pain-relief', /ask the pharmacist/],
    ['i feel poorly, who can i ask', 'consultation', /minor illnesses/],
    ['i need a new toothbrush', 'dental', /Aisle 6/],
    ['where do you keep the pain killers', 'pain-relief', /Behind the counter/],
    ['i need some cough sweets', 'cold-flu', /Aisle 1/],
    ['what have you got for a blocked nose', 'cold-flu', /Aisle 1/],
    ['i have earache can the pharmacist help', 'consultation', /earache/],
    ['do you have anything for a chesty cough', 'cold-flu', /Aisle 1/],
    ['can i buy ibuprofen without a prescription', 'pain-relief', /ask the pharmacist/],
    ['do you have anything for dry skin', 'skincare', /Aisle 3/],
    // Tuesday 10:00: open, and asked when it opens.
    ['what time do you open in the morning', 'hours', /^Today we are open from 8:30 am to 7 pm/],
    // The shop itself, by its kind: its address (at the sample store it is the pharmacy counter).
    ['where is the pharmacy', 'contact', /4 Mill Lane/],
  ])('pharmacy: %s → %s', answersFrom(pharmacy));

  it.each(['can you check my cholesterol', 'could you test my eyesight'])(
    'pharmacy: %s: a service for a thing the shop never mentions is declined',
    async (q) => {
      const r = await pharmacy.answer({ text: q });
      expect(r.declined).toBe(true);
      expect(r.sources).toEqual([]);
    },
  );

  it.each(["what's the time in new york", 'can i get a coffee to take away', 'can you call me a taxi', 'Can you give me a lift home?'])(
    '%s: only general words (or a café order) match, so it is declined',
    async (q) => {
      const r = await store.answer({ text: q });
      expect(r.declined).toBe(true);
      expect(r.sources).toEqual([]);
    },
  );

  it.each(['can you get me a member of staff', 'could i talk to someone who works here', 'can i have a word with the manager', 'I need help from a member of staff', 'could someone give me a hand please'])(
    '%s: raises a staff call',
    async (q) => {
      expect((await store.answer({ text: q })).action).toBe('staff-call');
    },
  );

  it('bank holidays are answered with the holiday hours, not today’s', async () => {
    const r = await store.answer({ text: 'What are the opening times on bank holidays?' });
    expect(r.answer).toMatch(/^Holiday hours: Christmas Eve 8 am to 4 pm, Christmas Day closed/);
  });

  it('pharmacy: a symptom finds the department that lists its remedy', async () => {
    const r = await pharmacy.answer({ text: "I'm looking for something for eczema" });
    expect(r.sources).toEqual(['skincare']);
    expect(r.answer).toMatch(/Aisle 3/);
  });
});

describe('kinds of listed products, look-alikes, prices and two questions in one', () => {
  it.each([
    // A kind the store does not list stands for the general name it lists.
    ['do you have any fusilli', 'pantry', /fusilli in Pasta, rice and tins: Aisle 6/],
    ["where's the gin", 'drinks', /Aisle 9/],
    // The head of the phrase decides: dog biscuits are pet food, not the snacks aisle's biscuits.
    ['do you sell dog biscuits', 'pets', /Aisle 12/],
    ['i wonder if you could help, my grandson wants some peanuts', 'snacks', /Aisle 8/],
    ['is there wifi and a toilet', 'wifi', /Greenleaf-Guest/],
    // What a thing is for names it ("food for my cat" is cat food); the section's own word is its name.
    ['do you sell food for my cat', 'pets', /cat food in Pet food/],
    ["where's the lemon squash", 'drinks', /Aisle 9/],
    ['where are the recycling bins', 'recycling', /car park/],
    ['could you get somebody to help me', 'staff', /member of staff/],
    // A thing to have something done to asks for the service ("a cake made" is the bakery counter).
    ['could i get a wedding cake made for june', 'bakery-counter', /48 hours/],
    ['do you sell lentils', 'pantry', /Aisle 6/],
    // An aisle has no times: when the bakery bakes is the bakery counter's.
    ['what time does the bakery bake bread', 'bakery-counter', /7 am/],
    ['could a member of staff help me out to the car', 'staff', /member of staff/],
    // Brands shoppers name instead of the product.
    ['do you sell huggies', 'baby', /Aisle 12/],
    ['where is the pg tips', 'breakfast', /Aisle 7/],
    ['can i get some assistance', 'staff', /member of staff/],
    // An incident in the shop is for staff; a wrong charge is a complaint, not the car chargers.
    ["i've just knocked over a jar of pickles", 'staff', /member of staff/],
    ['my husband has collapsed', 'staff', /member of staff/],
    ['i was overcharged', 'customer-service', /complaints/],
    ['can i exchange a gift i was given', 'returns', /return/],
    ["what's happening this weekend", 'events', /tastings/],
  ])('%s → %s', async (q, section, says) =>
    section === 'staff' ? expect((await store.answer({ text: q })).action).toBe('staff-call') : answersFrom(store)(q, section, says),
  );

  it.each([
    ['have you got any calpol', 'pain-relief', /ask the pharmacist/],
    ["where's the vitamin e", 'vitamins', /Aisle 4/],
    ['i wonder if you could help, i need some mouthwash', 'dental', /Aisle 6/],
    ["i don't know where you keep the mouthwash", 'dental', /Aisle 6/],
    // Asking the shop to bring a thing is a delivery; "him" and "his" carry no topic.
    ['can you bring him his tablets', 'delivery', /deliver/],
    ['do you sell gauze pads', 'first-aid', /Aisle 2/],
    ['have you got colgate', 'dental', /Aisle 6/],
    ['do you do covid shots', 'vaccinations', /COVID/],
    // What is wrong, read as the shelf with its remedy.
    ["i've grazed my knee", 'first-aid', /Aisle 2/],
    ['my daughter has a fever', 'first-aid', /Aisle 2/],
    ['i have the flu jab booked', 'vaccinations', /flu vaccinations/],
    // A cost of the thing that follows is that thing's question.
    ['is there a fee for a blood pressure check', 'blood-pressure', /Free/],
    ['can i take back an inhaler i no longer use', 'disposal', /dispose/],
    // "Your pharmacy" at a pharmacy is the shop, not the pharmacist's room.
    ['can i nominate your pharmacy for my prescriptions', 'prescriptions', /nominate us/],
  ])('pharmacy: %s → %s', answersFrom(pharmacy));

  it('pharmacy: a test the shop never mentions is not its blood pressure check', async () => {
    const r = await pharmacy.answer({ text: 'could you do a hearing test' });
    expect(r.declined).toBe(true);
    expect(r.sources).toEqual([]);
  });

  it.each([
    // Things for making or holding a listed product are not that product.
    'do you sell wine racks',
    'have you got biscuit tins',
    'do you sell milk jugs',
    'do you sell rice steamers',
    // "Passport photo" offers photos, not passports.
    'do you sell passports',
    // An aisle says where a product is, never its price.
    'how much is a dozen eggs',
    "what's the price of bananas",
  ])('%s: declined', async (q) => {
    const r = await store.answer({ text: q });
    expect(r.declined).toBe(true);
    expect(r.sources).toEqual([]);
  });
});
