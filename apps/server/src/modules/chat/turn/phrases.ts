/** The few sentences the engine writes itself, in the widget's languages (English otherwise). */
const PHRASES = {
  en: { found: 'Here is what I found:', nothing: 'I couldn’t find anything about that in what I know. Would you like me to connect you with a person?', handoff: 'I’m connecting you with a person. Someone will reply here soon.', unavailable: 'I can’t answer right now. Please try again in a moment, or ask for a person.', confidential: 'I can’t share how I was set up, but I’m happy to help with your question.' },
  es: { found: 'Esto es lo que encontré:', nothing: 'No encontré nada sobre eso en lo que sé. ¿Quieres que te ponga en contacto con una persona?', handoff: 'Te estoy poniendo en contacto con una persona. Alguien te responderá aquí pronto.', unavailable: 'No puedo responder ahora mismo. Vuelve a intentarlo en un momento o pide hablar con una persona.', confidential: 'No puedo compartir cómo me configuraron, pero con gusto te ayudo con tu pregunta.' },
  fr: { found: 'Voici ce que j’ai trouvé :', nothing: 'Je n’ai rien trouvé à ce sujet dans ce que je sais. Voulez-vous que je vous mette en relation avec une personne ?', handoff: 'Je vous mets en relation avec une personne. Quelqu’un vous répondra ici bientôt.', unavailable: 'Je ne peux pas répondre pour le moment. Réessayez dans un instant ou demandez une personne.', confidential: 'Je ne peux pas partager la façon dont j’ai été configuré, mais je vous aide volontiers avec votre question.' },
  de: { found: 'Das habe ich gefunden:', nothing: 'Dazu habe ich in meinem Wissen nichts gefunden. Soll ich Sie mit einer Person verbinden?', handoff: 'Ich verbinde Sie mit einer Person. Jemand antwortet Ihnen hier in Kürze.', unavailable: 'Ich kann gerade nicht antworten. Versuchen Sie es gleich noch einmal oder fragen Sie nach einer Person.', confidential: 'Ich kann nicht sagen, wie ich eingerichtet wurde, aber ich helfe Ihnen gern bei Ihrer Frage.' },
  pt: { found: 'Aqui está o que encontrei:', nothing: 'Não encontrei nada sobre isso no que sei. Quer que eu o coloque em contacto com uma pessoa?', handoff: 'Estou a colocá-lo em contacto com uma pessoa. Alguém responderá aqui em breve.', unavailable: 'Não consigo responder agora. Tente novamente dentro de momentos ou peça para falar com uma pessoa.', confidential: 'Não posso partilhar como fui configurado, mas ajudo com todo o gosto na sua pergunta.' },
  ar: { found: 'إليك ما وجدته:', nothing: 'لم أجد شيئًا عن ذلك فيما أعرفه. هل تريد أن أوصلك بشخص؟', handoff: 'أقوم بتوصيلك بشخص. سيرد عليك أحدهم هنا قريبًا.', unavailable: 'لا أستطيع الإجابة الآن. حاول مرة أخرى بعد قليل أو اطلب التحدث إلى شخص.', confidential: 'لا أستطيع مشاركة طريقة إعدادي، لكن يسعدني مساعدتك في سؤالك.' },
} as const;

export type Phrase = keyof (typeof PHRASES)['en'];

export function phrase(language: string, key: Phrase): string {
  const table = PHRASES[language.slice(0, 2) as keyof typeof PHRASES] ?? PHRASES.en;
  return table[key];
}
