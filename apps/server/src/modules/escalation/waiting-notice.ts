/**
 * What a visitor waiting for a person is told when nobody can answer them now: nobody from the
 * team is online at the hand-off, or nobody took it within the workspace's wait. Honest (no
 * "someone will reply soon"), in the six widget languages; the contact request and the bot's
 * help are mentioned only when the workspace has them on.
 */
const TEXTS = {
  en: {
    nobodyOnline: 'Nobody from our team is online right now, so a person can’t answer you here at the moment.',
    nobodyYet: 'Sorry, nobody from our team has been able to join yet.',
    contact: 'Leave your email or phone number and we’ll get back to you.',
    bot: 'Meanwhile, I can keep answering your questions.',
  },
  es: {
    nobodyOnline:
      'Ahora mismo no hay nadie de nuestro equipo conectado, así que una persona no puede responderte aquí por el momento.',
    nobodyYet: 'Lo sentimos, nadie de nuestro equipo ha podido unirse todavía.',
    contact: 'Déjanos tu email o teléfono y te contactaremos.',
    bot: 'Mientras tanto, puedo seguir respondiendo tus preguntas.',
  },
  fr: {
    nobodyOnline:
      'Personne de notre équipe n’est en ligne pour le moment : une personne ne peut pas vous répondre ici tout de suite.',
    nobodyYet: 'Désolé, personne de notre équipe n’a encore pu vous rejoindre.',
    contact: 'Laissez votre email ou votre téléphone et nous vous recontacterons.',
    bot: 'En attendant, je peux continuer à répondre à vos questions.',
  },
  de: {
    nobodyOnline:
      'Gerade ist niemand aus unserem Team online, deshalb kann Ihnen hier im Moment keine Person antworten.',
    nobodyYet: 'Leider konnte bisher niemand aus unserem Team dazukommen.',
    contact: 'Hinterlassen Sie Ihre E-Mail-Adresse oder Telefonnummer, dann melden wir uns.',
    bot: 'In der Zwischenzeit beantworte ich gern weiter Ihre Fragen.',
  },
  pt: {
    nobodyOnline:
      'Neste momento ninguém da nossa equipa está online, por isso uma pessoa não pode responder-lhe aqui agora.',
    nobodyYet: 'Lamentamos, ninguém da nossa equipa conseguiu juntar-se ainda.',
    contact: 'Deixe o seu email ou telefone e entraremos em contacto.',
    bot: 'Entretanto, posso continuar a responder às suas perguntas.',
  },
  ar: {
    nobodyOnline: 'لا يوجد أحد من فريقنا متصل الآن، لذلك لا يمكن لشخص أن يرد عليك هنا في الوقت الحالي.',
    nobodyYet: 'عذرًا، لم يتمكن أحد من فريقنا من الانضمام حتى الآن.',
    contact: 'اترك بريدك الإلكتروني أو رقم هاتفك وسنعاود التواصل معك.',
    bot: 'في هذه الأثناء، يمكنني الاستمرار في الإجابة عن أسئلتك.',
  },
} as const;

export type WaitingCause = 'nobody_online' | 'nobody_took_it';

export const WAITING_LANGUAGES = Object.keys(TEXTS);

export function waitingNotice(
  cause: WaitingCause,
  language: string,
  options: { askContact: boolean; botKeepsAnswering: boolean },
): string {
  const table = TEXTS[language.slice(0, 2) as keyof typeof TEXTS] ?? TEXTS.en;
  return [
    cause === 'nobody_online' ? table.nobodyOnline : table.nobodyYet,
    options.askContact ? table.contact : null,
    options.botKeepsAnswering ? table.bot : null,
  ]
    .filter(Boolean)
    .join(' ');
}
