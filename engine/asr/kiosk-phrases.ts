import { knowledgePhrases } from '../reply/knowledge/knowledge-phrases.ts';

/**
 * The questions the kiosk language model is built from. The reply module's knowledge base
 * (assets/knowledge/*.md, "Questions:" lists) is the source of truth; `loadKioskPhrases()` asks it
 * through `knowledgePhrases()`. This snapshot of the same questions keeps the kiosk mode working when
 * the knowledge folder cannot be read.
 */
export const SAMPLE_KIOSK_PHRASES: readonly string[] = [
  'What is your phone number?',
  'How can I contact you?',
  'What is the store address?',
  'Do you deliver?',
  'Can I speak to a manager?',
  'Where is the bread?',
  'Which aisle is the milk in?',
  'Where can I find pasta?',
  'Which aisle is it in?',
  'Where do you keep the gluten-free food?',
  'Are there any events this week?',
  'Is there a tasting today?',
  'Do you have activities for kids?',
  'What is on offer this week?',
  'Are there any deals?',
  'When do new offers start?',
  'Where are the toilets?',
  'Is there a restroom?',
  'Where can I change my baby?',
  'Do you have an accessible toilet?',
  'Where is customer service?',
  'Where is the information desk?',
  'I lost my wallet, who do I ask?',
  'Is parking free?',
  'How long can I park?',
  'Do you have electric car chargers?',
  'Where are the disabled parking spaces?',
  'Do you have wifi?',
  'What is the wifi password?',
  'Can I borrow a wheelchair?',
  'Do you have a hearing loop?',
  'Are dogs allowed?',
  'When are you open?',
  'What time do you close today?',
  'Are you open tomorrow?',
  'What are your opening hours on Sunday?',
  'Are you open on Christmas Day?',
  'What time do you open in the morning?',
  'Can I return this?',
  'What is your refund policy?',
  'How long do I have to return something?',
  'Can I get a refund without a receipt?',
  'I want to exchange an item',
  'Do you take cards?',
  'Can I pay with Apple Pay?',
  'Can I get cashback?',
  'Do you accept cash?',
  'Do you have a loyalty card?',
  'How do I collect points?',
  'How do I sign up for rewards?',
  'Do you sell gift cards?',
  'How long is a gift card valid?',
  'Where is the pharmacy?',
  'When is the pharmacy open?',
  'Can I pick up my prescription?',
  'Do you do flu jabs?',
  'Can I order a birthday cake?',
  'When is the bread baked?',
  'Do you make celebration cakes?',
  'Is the deli open?',
  'Do you have hot food?',
  'Can I get sliced ham?',
  'Where do I collect my online order?',
  'How does click and collect work?',
  'Can I get keys cut?',
  'Do you have a photo booth?',
  'Where can I recycle batteries?',
  'Do you have a bottle return machine?',
  'What can you do?',
  'How does this work?',
  'Help',
];

/**
 * The phrases for the kiosk LM: the knowledge base's questions, titles and keywords
 * (`knowledgePhrases()` from the reply module), or the snapshot above when the knowledge folder cannot
 * be read, so speech recognition never depends on the knowledge base being healthy.
 */
export async function loadKioskPhrases(dir?: string): Promise<string[]> {
  try {
    const phrases = dir === undefined ? knowledgePhrases() : knowledgePhrases(dir);
    if (phrases.length > 0) return phrases;
  } catch {
    // Unreadable or invalid knowledge base: the reply stage reports it; ASR keeps working.
  }
  return [...SAMPLE_KIOSK_PHRASES];
}
