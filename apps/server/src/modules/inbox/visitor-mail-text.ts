/** The mail a visitor who left gets with the team's replies, in the conversation's language. */
const TEXTS = {
  en: {
    subject: 'New reply from {workspace}',
    intro: '{workspace} replied to your conversation:',
    action: 'Continue the conversation',
    footer:
      'The link opens this conversation until {date}. Anyone with it can read and write in it, so don’t forward this mail.',
  },
  es: {
    subject: 'Nueva respuesta de {workspace}',
    intro: '{workspace} respondió en tu conversación:',
    action: 'Continuar la conversación',
    footer:
      'El enlace abre esta conversación hasta el {date}. Quien lo tenga puede leerla y escribir en ella: no reenvíes este correo.',
  },
  fr: {
    subject: 'Nouvelle réponse de {workspace}',
    intro: '{workspace} a répondu dans votre conversation :',
    action: 'Reprendre la conversation',
    footer:
      'Le lien ouvre cette conversation jusqu’au {date}. Toute personne qui l’a peut la lire et y écrire : ne transférez pas ce mail.',
  },
  de: {
    subject: 'Neue Antwort von {workspace}',
    intro: '{workspace} hat in Ihrem Gespräch geantwortet:',
    action: 'Gespräch fortsetzen',
    footer:
      'Der Link öffnet dieses Gespräch bis {date}. Wer ihn hat, kann es lesen und darin schreiben: Leiten Sie diese E-Mail nicht weiter.',
  },
  pt: {
    subject: 'Nova resposta de {workspace}',
    intro: '{workspace} respondeu na sua conversa:',
    action: 'Continuar a conversa',
    footer:
      'O link abre esta conversa até {date}. Quem o tiver pode lê-la e escrever nela: não reencaminhe este email.',
  },
  ar: {
    subject: 'رد جديد من {workspace}',
    intro: 'رد {workspace} في محادثتك:',
    action: 'متابعة المحادثة',
    footer:
      'يفتح الرابط هذه المحادثة حتى {date}. يمكن لأي شخص يملكه قراءتها والكتابة فيها، لذا لا تعِد توجيه هذه الرسالة.',
  },
} as const;

export function visitorMailText(language: string) {
  return TEXTS[language.slice(0, 2) as keyof typeof TEXTS] ?? TEXTS.en;
}

export function formatDate(date: Date, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
