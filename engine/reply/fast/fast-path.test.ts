import { describe, expect, it } from 'vitest';
import { resolvePath } from '../../paths/app-root.ts';
import { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { fastAnswer } from './fast-path.ts';

// Real: the sample store's knowledge (assets/knowledge, shop zone Europe/London) and the fast path;
// the clock is injected so opening-hours answers can be checked at any moment.
const kb = KnowledgeBase.open(resolvePath('assets/knowledge')).data;
const at = (iso: string) => new Date(iso);
const MON_AFTERNOON = at('2026-11-23T15:42:00Z'); // Monday, GMT

describe('fast path intents', () => {
  it.each([
    ['Hello!', 'greeting', ['welcome'], /Hello! I'm the Greenleaf Market help kiosk/],
    ['good morning', 'greeting', ['welcome'], /Hello!/],
    ['What can you do?', 'help', ['welcome'], /opening hours, where to find things/],
    ['What time is it?', 'time', [], /^It's 3:42 pm on Monday 23 November\.$/],
    ["What's the date today?", 'date', [], /^Today is Monday 23 November\.$/],
    ['Where is the bread?', 'where', ['bakery'], /bread in Bakery: Aisle 1/],
    ['Which aisle is the cat food in?', 'where', ['pets'], /Aisle 12, opposite the baby aisle/],
    ['Do you have nappies', 'where', ['baby'], /nappies in Baby: Aisle 12/],
    ['where can I find gluten-free pasta', 'where', ['free-from'], /Free-from and gluten-free/],
    ['Where are the toilets?', 'where', ['restrooms'], /back of the store/],
    ['Where’s the pharmacy, please?', 'where', ['pharmacy'], /aisle 11/],
  ])('%s → %s', (q, intent, sources, answer) => {
    const a = fastAnswer(q, kb, MON_AFTERNOON);
    expect(a?.intent).toBe(intent);
    expect(a?.sources).toEqual(sources);
    expect(a?.answer).toMatch(answer);
  });

  it.each([
    ['Start the meeting', 'meeting-start'],
    ['please begin a meeting', 'meeting-start'],
    ['stop meeting', 'meeting-stop'],
    ['End the meeting now', 'meeting-stop'],
    ['Summarise the meeting', 'meeting-summarize'],
    ['Can I speak to someone?', 'staff-call'],
    ['Could I talk to a member of staff, please?', 'staff-call'],
    ["I'd like to speak to the manager", 'staff-call'],
    ['Is there someone who can help me?', 'staff-call'],
    ['Get me a shop assistant', 'staff-call'],
    ['is there anyone around who could help me', 'staff-call'],
    ['Is there a member of staff free?', 'staff-call'],
    ['could you send someone over', 'staff-call'],
    ["i can't find anyone to help me", 'staff-call'],
  ])('staff command %s → %s', (q, action) => {
    expect(fastAnswer(q, kb, MON_AFTERNOON)).toMatchObject({ intent: 'staff', action });
  });

  it.each([
    'When is the pharmacy open?',
    'Can I return this?',
    'where is the moon',
    'tell me about the meeting rooms in the town hall please today',
    'what is the capital of France',
    'can I speak to the pharmacist about my prescription',
    'do staff get a discount',
    'is there a staff discount',
  ])('%s is not a fast-path question', (q) => {
    expect(fastAnswer(q, kb, MON_AFTERNOON)).toBeNull();
  });
});

describe('opening hours with an injected clock (Europe/London)', () => {
  it.each([
    ['Are you open?', '2026-11-23T15:42:00Z', 'Yes, we are open now, until 9 pm today.'],
    [
      'are you open now',
      '2026-11-23T07:00:00Z',
      'We are closed right now; today we open at 8 am and close at 9 pm.',
    ],
    ['are you open', '2026-11-23T21:30:00Z', 'We are closed now for today; we open again tomorrow at 8 am.'],
    [
      'are you still open',
      '2026-11-28T21:00:00Z',
      'We are closed now for today; we open again tomorrow at 10 am.',
    ],
    ['What time do you close tomorrow?', '2026-11-25T12:00:00Z', 'Tomorrow we are open from 8 am to 10 pm.'],
    ['are you open on sunday', '2026-11-23T12:00:00Z', 'On Sunday we are open from 10 am to 4 pm.'],
    [
      'What time do you close today?',
      '2026-12-24T10:00:00Z',
      'Yes, we are open now, until 4 pm today for Christmas Eve.',
    ],
    ['Are you open tomorrow?', '2026-12-24T17:00:00Z', 'Tomorrow (Christmas Day) we are closed.'],
    ['are you open on boxing day', '2026-12-01T12:00:00Z', 'On Boxing Day we are open from 10 am to 4 pm.'],
    [
      'what are your opening hours this week',
      '2026-11-23T12:00:00Z',
      /^Our opening hours: Monday 8 am to 9 pm, .* Sunday 10 am to 4 pm\.$/,
    ],
    // British Summer Time: 07:30 UTC is 08:30 in the shop, so it is open (a UTC clock would say closed).
    ['are you open', '2026-07-06T07:30:00Z', 'Yes, we are open now, until 9 pm today.'],
  ])('%s at %s', (q, iso, expected) => {
    const a = fastAnswer(q, kb, at(iso));
    expect(a?.intent).toBe('hours');
    expect(a?.sources).toEqual(['hours']);
    if (typeof expected === 'string') expect(a?.answer).toBe(expected);
    else expect(a?.answer).toMatch(expected);
  });

  it('tells the time in the shop zone during summer time', () => {
    expect(fastAnswer('what time is it', kb, at('2026-07-06T13:05:00Z'))?.answer).toBe(
      "It's 2:05 pm on Monday 6 July.",
    );
  });
});
