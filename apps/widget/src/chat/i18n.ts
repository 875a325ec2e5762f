/**
 * The widget's words in its six languages, chosen by the agent's setting or the browser.
 * `{name}` and `{n}` are filled in; Arabic is laid out right to left.
 */
const KEYS = [
  'open',
  'close',
  'placeholder',
  'send',
  'newChat',
  'human',
  'waiting',
  'joined',
  'joinedAnon',
  'backToBot',
  'closed',
  'typing',
  'botTyping',
  'sources',
  'attach',
  'uploading',
  'remove',
  'error',
  'reconnecting',
  'rate',
  'rateN',
  'comment',
  'submit',
  'thanks',
  'leadTitle',
  'leadButton',
  'leadThanks',
  'required',
  'unavailable',
  'messages',
  'you',
  'tooLarge',
  'consent',
  'skip',
  'name',
  'email',
  'phone',
  'helpful',
  'notHelpful',
  'confirm',
  'cancel',
] as const;
export type Key = (typeof KEYS)[number];

const TABLE: Record<string, string> = {
  en: 'Open chat|Close chat|Write a message…|Send|New conversation|Talk to a person|Waiting for a person to join…|{name} joined the conversation|A person joined the conversation|You are chatting with the assistant again|This conversation was closed.|{name} is typing…|Typing…|Sources|Attach a file|Uploading…|Remove|Something went wrong. Please try again.|Reconnecting…|How was this conversation?|{n} out of 5|Anything to add? (optional)|Send|Thank you for your feedback!|Leave your details|Leave your contact details|Thanks! We will be in touch.|required|The chat is not available right now.|Messages|You|This file is too large.|I agree|Not now|Name|Email|Phone|Helpful|Not helpful|Confirm|Cancel',
  es: 'Abrir chat|Cerrar chat|Escribe un mensaje…|Enviar|Nueva conversación|Hablar con una persona|Esperando a que se una una persona…|{name} se unió a la conversación|Una persona se unió a la conversación|Vuelves a hablar con el asistente|Esta conversación se cerró.|{name} está escribiendo…|Escribiendo…|Fuentes|Adjuntar un archivo|Subiendo…|Quitar|Algo salió mal. Inténtalo de nuevo.|Reconectando…|¿Qué tal fue esta conversación?|{n} de 5|¿Algo más? (opcional)|Enviar|¡Gracias por tu opinión!|Déjanos tus datos|Dejar tus datos de contacto|¡Gracias! Te contactaremos.|obligatorio|El chat no está disponible ahora.|Mensajes|Tú|Este archivo es demasiado grande.|Acepto|Ahora no|Nombre|Correo electrónico|Teléfono|Útil|No es útil|Confirmar|Cancelar',
  fr: 'Ouvrir le chat|Fermer le chat|Écrivez un message…|Envoyer|Nouvelle conversation|Parler à une personne|En attente d’une personne…|{name} a rejoint la conversation|Une personne a rejoint la conversation|Vous parlez de nouveau avec l’assistant|Cette conversation est close.|{name} écrit…|En train d’écrire…|Sources|Joindre un fichier|Envoi…|Retirer|Un problème est survenu. Réessayez.|Reconnexion…|Comment s’est passée cette conversation ?|{n} sur 5|Autre chose à ajouter ? (facultatif)|Envoyer|Merci pour votre avis !|Laissez vos coordonnées|Laisser vos coordonnées|Merci ! Nous vous recontacterons.|obligatoire|Le chat n’est pas disponible pour le moment.|Messages|Vous|Ce fichier est trop volumineux.|J’accepte|Plus tard|Nom|E-mail|Téléphone|Utile|Pas utile|Confirmer|Annuler',
  de: 'Chat öffnen|Chat schließen|Nachricht schreiben…|Senden|Neues Gespräch|Mit einer Person sprechen|Warten auf eine Person…|{name} ist dem Gespräch beigetreten|Eine Person ist dem Gespräch beigetreten|Sie chatten wieder mit dem Assistenten|Dieses Gespräch wurde beendet.|{name} schreibt…|Schreibt…|Quellen|Datei anhängen|Wird hochgeladen…|Entfernen|Etwas ist schiefgelaufen. Bitte erneut versuchen.|Verbindung wird wiederhergestellt…|Wie war dieses Gespräch?|{n} von 5|Möchten Sie etwas ergänzen? (optional)|Senden|Danke für Ihr Feedback!|Hinterlassen Sie Ihre Daten|Kontaktdaten hinterlassen|Danke! Wir melden uns.|Pflichtfeld|Der Chat ist gerade nicht verfügbar.|Nachrichten|Sie|Diese Datei ist zu groß.|Ich stimme zu|Jetzt nicht|Name|E-Mail|Telefon|Hilfreich|Nicht hilfreich|Bestätigen|Abbrechen',
  pt: 'Abrir chat|Fechar chat|Escreva uma mensagem…|Enviar|Nova conversa|Falar com uma pessoa|Aguardando uma pessoa…|{name} entrou na conversa|Uma pessoa entrou na conversa|Você voltou a falar com o assistente|Esta conversa foi encerrada.|{name} está digitando…|Digitando…|Fontes|Anexar um arquivo|Enviando…|Remover|Algo deu errado. Tente novamente.|Reconectando…|Como foi esta conversa?|{n} de 5|Algo a acrescentar? (opcional)|Enviar|Obrigado pela sua avaliação!|Deixe seus dados|Deixar seus dados de contato|Obrigado! Entraremos em contato.|obrigatório|O chat não está disponível agora.|Mensagens|Você|Este arquivo é grande demais.|Concordo|Agora não|Nome|E-mail|Telefone|Útil|Não foi útil|Confirmar|Cancelar',
  ar: 'فتح المحادثة|إغلاق المحادثة|اكتب رسالة…|إرسال|محادثة جديدة|التحدث إلى شخص|في انتظار انضمام شخص…|انضم {name} إلى المحادثة|انضم شخص إلى المحادثة|أنت تتحدث مع المساعد مرة أخرى|أُغلقت هذه المحادثة.|{name} يكتب…|يكتب…|المصادر|إرفاق ملف|جارٍ الرفع…|إزالة|حدث خطأ ما. حاول مرة أخرى.|جارٍ إعادة الاتصال…|كيف كانت هذه المحادثة؟|{n} من 5|هل من شيء تضيفه؟ (اختياري)|إرسال|شكرًا على رأيك!|اترك بياناتك|اترك بيانات التواصل|شكرًا! سنتواصل معك.|مطلوب|المحادثة غير متاحة الآن.|الرسائل|أنت|هذا الملف كبير جدًا.|أوافق|ليس الآن|الاسم|البريد الإلكتروني|الهاتف|مفيد|غير مفيد|تأكيد|إلغاء',
};

export const LANGUAGES = Object.keys(TABLE);

export function pickLanguage(setting: string, browser: readonly string[]): string {
  if (setting !== 'auto' && TABLE[setting]) return setting;
  for (const tag of browser) {
    const primary = tag.slice(0, 2).toLowerCase();
    if (TABLE[primary]) return primary;
  }
  return 'en';
}

export type Translate = (key: Key, vars?: Record<string, string | number>) => string;

export function translator(lang: string): Translate {
  const words = (TABLE[lang] ?? TABLE.en!).split('|');
  return (key, vars = {}) =>
    (words[KEYS.indexOf(key)] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export const isRtl = (lang: string) => lang === 'ar';
