import { describe, expect, it } from 'vitest';
import { phrase, PHRASE_LANGUAGES } from './phrases';
import { consent, smallTalk } from './small-talk';

/** Small talk and yes/no in each of the widget's six languages. */
const SMALL_TALK: Record<string, Array<[string, string]>> = {
  en: [
    ['Hi there!', 'greeting'],
    ['Thanks, bye', 'goodbye'],
    ['thank you so much', 'thanks'],
    ['ok', 'ok'],
    ['Good morning', 'greeting'],
    ['bye!', 'goodbye'],
  ],
  es: [
    ['¡Hola!', 'greeting'],
    ['Muchas gracias', 'thanks'],
    ['Adiós', 'goodbye'],
    ['vale', 'ok'],
    ['buenos días', 'greeting'],
  ],
  fr: [
    ['Bonjour', 'greeting'],
    ['Merci beaucoup !', 'thanks'],
    ['Au revoir', 'goodbye'],
    ['d’accord', 'ok'],
  ],
  de: [
    ['Hallo', 'greeting'],
    ['Vielen Dank', 'thanks'],
    ['Tschüss', 'goodbye'],
    ['Alles klar', 'ok'],
    ['Guten Tag', 'greeting'],
  ],
  pt: [
    ['Olá', 'greeting'],
    ['Muito obrigado', 'thanks'],
    ['Tchau', 'goodbye'],
    ['Tudo bem', 'ok'],
    ['Bom dia', 'greeting'],
  ],
  ar: [
    ['مرحبا', 'greeting'],
    ['شكرا جزيلا', 'thanks'],
    ['مع السلامة', 'goodbye'],
    ['تمام', 'ok'],
  ],
};
const QUESTIONS = [
  'Hi, where is my order?',
  'Thanks, but how do I return it?',
  'Hola, ¿dónde está mi pedido?',
  'Bonjour, quels sont vos horaires ?',
  'Hallo, wie lange dauert der Versand?',
  'Olá, posso devolver?',
  'مرحبا، أين طلبي؟',
  'ok so what is the warranty',
];

const CONSENT: Record<string, { yes: string[]; no: string[] }> = {
  en: { yes: ['yes', 'Yes please', 'sure', 'ok', 'yeah, thanks'], no: ['no', 'No thanks', 'not now', 'nope'] },
  es: { yes: ['sí', 'Sí, por favor', 'claro'], no: ['no', 'No, gracias', 'ahora no'] },
  fr: { yes: ['oui', 'Oui, merci', 'd’accord'], no: ['non', 'Non merci', 'pas maintenant'] },
  de: { yes: ['ja', 'Ja bitte', 'gerne'], no: ['nein', 'Nein danke', 'jetzt nicht'] },
  pt: { yes: ['sim', 'Sim, por favor', 'claro'], no: ['não', 'Não, obrigado', 'agora não'] },
  ar: { yes: ['نعم', 'نعم من فضلك', 'أكيد'], no: ['لا', 'لا شكرا', 'ليس الآن'] },
};

describe('small talk', () => {
  it('knows greetings, thanks, goodbyes and ok in the six widget languages', () => {
    expect(Object.keys(SMALL_TALK).sort()).toEqual([...PHRASE_LANGUAGES].sort());
    for (const [language, cases] of Object.entries(SMALL_TALK)) {
      for (const [text, kind] of cases) expect(smallTalk(text), `${language}: ${text}`).toBe(kind);
    }
  });

  it('leaves questions that open with a greeting or thanks to the knowledge', () => {
    for (const text of QUESTIONS) expect(smallTalk(text), text).toBeNull();
  });

  it('replies in each language, not in English', () => {
    for (const language of PHRASE_LANGUAGES.filter((l) => l !== 'en')) {
      for (const key of ['greeting', 'thanks', 'goodbye', 'ok', 'declined'] as const)
        expect(phrase(language, key), `${language} ${key}`).not.toBe(phrase('en', key));
    }
  });
});

describe('yes and no', () => {
  it('are understood in the six widget languages', () => {
    for (const [language, { yes, no }] of Object.entries(CONSENT)) {
      for (const text of yes) expect(consent(text), `${language}: ${text}`).toBe('yes');
      for (const text of no) expect(consent(text), `${language}: ${text}`).toBe('no');
    }
  });

  it('are not read into questions', () => {
    for (const text of ['Yes, but where is my order?', 'no idea what size to take', 'Is it yes or no for refunds?'])
      expect(consent(text), text).toBeNull();
  });
});
