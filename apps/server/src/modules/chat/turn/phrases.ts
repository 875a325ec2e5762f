/** The few sentences the engine writes itself, in the widget's six languages (English otherwise). */
const PHRASES = {
  en: {
    found: 'Here is what I found:',
    nothing: 'I couldn’t find anything about that in what I know. Would you like me to connect you with a person?',
    handoff: 'I’m connecting you with a person. Someone will reply here soon.',
    unavailable: 'I can’t answer right now. Please try again in a moment, or ask for a person.',
    confidential: 'I can’t share how I was set up, but I’m happy to help with your question.',
    greeting: 'Hi! How can I help you today?',
    thanks: 'You’re welcome! Is there anything else I can help with?',
    goodbye: 'Thanks for stopping by. Have a great day!',
    ok: 'Great. Let me know if there is anything else I can help with.',
    declined: 'No problem. What else can I help you with?',
    allowance: 'I can’t answer more questions here this month. Would you like me to connect you with a person?',
  },
  es: {
    found: 'Esto es lo que encontré:',
    nothing: 'No encontré nada sobre eso en lo que sé. ¿Quieres que te ponga en contacto con una persona?',
    handoff: 'Te estoy poniendo en contacto con una persona. Alguien te responderá aquí pronto.',
    unavailable: 'No puedo responder ahora mismo. Vuelve a intentarlo en un momento o pide hablar con una persona.',
    confidential: 'No puedo compartir cómo me configuraron, pero con gusto te ayudo con tu pregunta.',
    greeting: '¡Hola! ¿En qué puedo ayudarte hoy?',
    thanks: '¡De nada! ¿Hay algo más en lo que pueda ayudarte?',
    goodbye: 'Gracias por escribirnos. ¡Que tengas un buen día!',
    ok: 'Perfecto. Avísame si hay algo más en lo que pueda ayudarte.',
    declined: 'De acuerdo. ¿En qué más puedo ayudarte?',
    allowance: 'Este mes ya no puedo responder más preguntas aquí. ¿Quieres que te ponga en contacto con una persona?',
  },
  fr: {
    found: 'Voici ce que j’ai trouvé :',
    nothing:
      'Je n’ai rien trouvé à ce sujet dans ce que je sais. Voulez-vous que je vous mette en relation avec une personne ?',
    handoff: 'Je vous mets en relation avec une personne. Quelqu’un vous répondra ici bientôt.',
    unavailable: 'Je ne peux pas répondre pour le moment. Réessayez dans un instant ou demandez une personne.',
    confidential:
      'Je ne peux pas partager la façon dont j’ai été configuré, mais je vous aide volontiers avec votre question.',
    greeting: 'Bonjour ! Comment puis-je vous aider aujourd’hui ?',
    thanks: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
    goodbye: 'Merci de votre visite. Bonne journée !',
    ok: 'Parfait. N’hésitez pas si je peux vous aider pour autre chose.',
    declined: 'Pas de problème. Que puis-je faire d’autre pour vous ?',
    allowance:
      'Je ne peux plus répondre à d’autres questions ici ce mois-ci. Voulez-vous que je vous mette en relation avec une personne ?',
  },
  de: {
    found: 'Das habe ich gefunden:',
    nothing: 'Dazu habe ich in meinem Wissen nichts gefunden. Soll ich Sie mit einer Person verbinden?',
    handoff: 'Ich verbinde Sie mit einer Person. Jemand antwortet Ihnen hier in Kürze.',
    unavailable:
      'Ich kann gerade nicht antworten. Versuchen Sie es gleich noch einmal oder fragen Sie nach einer Person.',
    confidential: 'Ich kann nicht sagen, wie ich eingerichtet wurde, aber ich helfe Ihnen gern bei Ihrer Frage.',
    greeting: 'Hallo! Wie kann ich Ihnen heute helfen?',
    thanks: 'Gern geschehen! Kann ich Ihnen noch bei etwas anderem helfen?',
    goodbye: 'Danke für Ihren Besuch. Einen schönen Tag noch!',
    ok: 'Prima. Sagen Sie Bescheid, wenn ich noch helfen kann.',
    declined: 'Kein Problem. Wobei kann ich Ihnen sonst helfen?',
    allowance:
      'Diesen Monat kann ich hier keine weiteren Fragen beantworten. Möchten Sie mit einer Person verbunden werden?',
  },
  pt: {
    found: 'Aqui está o que encontrei:',
    nothing: 'Não encontrei nada sobre isso no que sei. Quer que eu o coloque em contacto com uma pessoa?',
    handoff: 'Estou a colocá-lo em contacto com uma pessoa. Alguém responderá aqui em breve.',
    unavailable: 'Não consigo responder agora. Tente novamente dentro de momentos ou peça para falar com uma pessoa.',
    confidential: 'Não posso partilhar como fui configurado, mas ajudo com todo o gosto na sua pergunta.',
    greeting: 'Olá! Como posso ajudar hoje?',
    thanks: 'De nada! Posso ajudar com mais alguma coisa?',
    goodbye: 'Obrigado pela visita. Tenha um ótimo dia!',
    ok: 'Ótimo. Diga-me se precisar de mais alguma coisa.',
    declined: 'Sem problema. Em que mais posso ajudar?',
    allowance: 'Este mês não posso responder a mais perguntas aqui. Quer que eu o coloque em contacto com uma pessoa?',
  },
  ar: {
    found: 'إليك ما وجدته:',
    nothing: 'لم أجد شيئًا عن ذلك فيما أعرفه. هل تريد أن أوصلك بشخص؟',
    handoff: 'أقوم بتوصيلك بشخص. سيرد عليك أحدهم هنا قريبًا.',
    unavailable: 'لا أستطيع الإجابة الآن. حاول مرة أخرى بعد قليل أو اطلب التحدث إلى شخص.',
    confidential: 'لا أستطيع مشاركة طريقة إعدادي، لكن يسعدني مساعدتك في سؤالك.',
    greeting: 'مرحبًا! كيف يمكنني مساعدتك اليوم؟',
    thanks: 'على الرحب والسعة! هل هناك شيء آخر يمكنني مساعدتك فيه؟',
    goodbye: 'شكرًا لزيارتك. أتمنى لك يومًا سعيدًا!',
    ok: 'رائع. أخبرني إذا كان هناك شيء آخر يمكنني مساعدتك فيه.',
    declined: 'لا مشكلة. بماذا يمكنني مساعدتك أيضًا؟',
    allowance: 'لا يمكنني الإجابة عن مزيد من الأسئلة هنا هذا الشهر. هل تريد أن أوصلك بشخص؟',
  },
} as const;

export type Phrase = keyof (typeof PHRASES)['en'];

/** The languages the engine speaks (the widget's six). */
export const PHRASE_LANGUAGES = Object.keys(PHRASES) as Array<keyof typeof PHRASES>;

export function phrase(language: string, key: Phrase): string {
  const table = PHRASES[language.slice(0, 2) as keyof typeof PHRASES] ?? PHRASES.en;
  return table[key];
}
