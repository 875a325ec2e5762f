import { describe, expect, it } from 'vitest';
import { asksForPerson, matchedKeyword } from './intent';
import { escalationFor } from './rules';

/** The agent defaults: these keywords ship with every new agent. */
const DEFAULT_RULES = {
  keywords: ['human', 'agent', 'person', 'representative'],
  maxUnanswered: 2,
  onNegativeSentiment: false,
  vipOnly: false,
};
const handsOff = (text: string) =>
  escalationFor({ text, rules: DEFAULT_RULES, vip: false, vipHandoff: false, firstMessage: false }) !== null;

const SHOULD_HAND_OFF = [
  // en
  'Can I talk to a human?',
  'agent please',
  'I want to speak with a real person',
  'Connect me to an agent, please',
  'human!',
  'Is there a person I can talk to?',
  'I need a human now',
  'Let me talk to someone from support. A representative, please.',
  'Please transfer me to a live agent',
  'No, I want to talk to a person',
  'I don’t want a bot, I want a human',
  'Could I have a real person?',
  // es
  'hablar con una persona',
  'Quiero hablar con un agente, por favor',
  'Necesito un humano',
  '¿Puedo hablar con una persona real?',
  'persona por favor',
  // fr
  'Je veux parler à un humain',
  'Je voudrais parler à un conseiller',
  'Est-ce que je peux parler à une vraie personne ?',
  'un humain svp',
  // de
  'Ich möchte mit einem Menschen sprechen',
  'Kann ich mit einem Mitarbeiter sprechen?',
  'Ich brauche einen echten Menschen',
  'Mitarbeiter bitte',
  // pt
  'Quero falar com uma pessoa',
  'Posso falar com um atendente?',
  'Preciso de um atendente humano',
  'atendente por favor',
  // ar
  'أريد التحدث إلى شخص',
  'أريد التحدث مع موظف',
  'ممكن أكلم موظف من فضلك',
  'موظف من فضلك',
];

const SHOULD_NOT_HAND_OFF = [
  // en
  'Can I pick up my order in person?',
  'No thanks, I don’t need a person',
  "No thanks, I don't need a person",
  'Is the price per person?',
  'Do I need to be there in person?',
  'Is your travel agent program open?',
  'How many people work there?',
  'My agent said I could get a refund',
  'Are you a human?',
  'I don’t need to talk to a human, the answer was fine',
  'What does a customs agent charge?',
  'The person who delivered my parcel was very kind',
  'Can a second person use the same account?',
  'Without a person present, can the courier leave the parcel?',
  'Thanks, that helps. No need for an agent.',
  // es
  '¿Puedo recoger mi pedido en persona?',
  'No necesito hablar con una persona, gracias',
  '¿El precio es por persona?',
  '¿Trabajan con una agente de viajes?',
  // fr
  'Puis-je récupérer ma commande en personne ?',
  'Je n’ai pas besoin de parler à un humain',
  'Le prix est-il par personne ?',
  'Personne ne m’a répondu par email hier',
  // de
  'Kann ich die Bestellung pro Person abholen?',
  'Ich muss nicht mit einem Menschen sprechen',
  'Wie viele Mitarbeiter haben Sie?',
  // pt
  'Posso levantar a encomenda em pessoa?',
  'Não preciso falar com uma pessoa, obrigado',
  'O preço é por pessoa?',
  // ar
  'هل السعر لكل شخص؟',
  'لا أريد التحدث إلى شخص، شكرا',
  'هل يمكنني استلام الطلب شخصيا؟',
];

describe('hand-off requests with the default keywords', () => {
  it('hands off when the visitor asks for a person, in six languages', () => {
    expect(SHOULD_HAND_OFF.length).toBeGreaterThanOrEqual(30);
    expect(SHOULD_HAND_OFF.filter((text) => !handsOff(text))).toEqual([]);
  });

  it('keeps the bot for sentences that only mention a person, negate or use an idiom', () => {
    expect(SHOULD_NOT_HAND_OFF.length).toBeGreaterThanOrEqual(30);
    expect(SHOULD_NOT_HAND_OFF.filter((text) => handsOff(text))).toEqual([]);
  });

  it('still matches the business’s own phrases wherever they are, but not negated', () => {
    expect(matchedKeyword('Where is the refund manager?', ['refund manager'])).toBe('refund manager');
    expect(matchedKeyword('I don’t want the refund manager', ['refund manager'])).toBeNull();
    expect(matchedKeyword('cancel subscription now', ['cancel subscription'])).toBe('cancel subscription');
    expect(asksForPerson('Can I pick up my order in person?')).toBe(false);
  });
});
