import { describeOpening, isOpen, nextOpening } from './business-hours';
import type { BusinessHours } from './settings-schema';

const NOTICES = {
  en: {
    joining: 'I’m connecting you with a person. Someone will reply here soon.',
    awayUntil:
      'Our team is away right now. A person will reply from {when}. Leave your email or phone number so we can get back to you.',
    away: 'Our team is away right now. Leave your email or phone number and we’ll get back to you.',
  },
  es: {
    joining: 'Te estoy poniendo en contacto con una persona. Alguien te responderá aquí pronto.',
    awayUntil:
      'Nuestro equipo no está disponible ahora. Una persona te responderá a partir del {when}. Déjanos tu email o teléfono para que podamos contactarte.',
    away: 'Nuestro equipo no está disponible ahora. Déjanos tu email o teléfono y te contactaremos.',
  },
  fr: {
    joining: 'Je vous mets en relation avec une personne. Quelqu’un vous répondra ici bientôt.',
    awayUntil:
      'Notre équipe est absente pour le moment. Une personne vous répondra à partir de {when}. Laissez votre email ou votre téléphone pour que nous puissions vous recontacter.',
    away: 'Notre équipe est absente pour le moment. Laissez votre email ou votre téléphone et nous vous recontacterons.',
  },
  de: {
    joining: 'Ich verbinde Sie mit einer Person. Jemand antwortet Ihnen hier in Kürze.',
    awayUntil:
      'Unser Team ist gerade nicht erreichbar. Ab {when} antwortet Ihnen eine Person. Hinterlassen Sie Ihre E-Mail-Adresse oder Telefonnummer, damit wir uns melden können.',
    away: 'Unser Team ist gerade nicht erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse oder Telefonnummer, dann melden wir uns.',
  },
  pt: {
    joining: 'Estou a colocá-lo em contacto com uma pessoa. Alguém responderá aqui em breve.',
    awayUntil:
      'A nossa equipa não está disponível agora. Uma pessoa responderá a partir de {when}. Deixe o seu email ou telefone para que possamos contactá-lo.',
    away: 'A nossa equipa não está disponível agora. Deixe o seu email ou telefone e entraremos em contacto.',
  },
  ar: {
    joining: 'أقوم بتوصيلك بشخص. سيرد عليك أحدهم هنا قريبًا.',
    awayUntil: 'فريقنا غير متاح الآن. سيرد عليك شخص ابتداءً من {when}. اترك بريدك الإلكتروني أو رقم هاتفك لنتواصل معك.',
    away: 'فريقنا غير متاح الآن. اترك بريدك الإلكتروني أو رقم هاتفك وسنتواصل معك.',
  },
} as const;

export interface HandoffNotice {
  /** What the visitor is told. */
  text: string;
  /** Outside business hours: the widget asks for contact details (a lead). */
  askContact: boolean;
  /** When people are next available (ISO), null when unknown; now while open. */
  opensAt: string | null;
}

/** What to tell a visitor whose conversation is going to a person, given the business hours. */
export function handoffNotice(hours: BusinessHours, language: string, at: Date = new Date()): HandoffNotice {
  const table = NOTICES[language.slice(0, 2) as keyof typeof NOTICES] ?? NOTICES.en;
  if (isOpen(hours, at)) return { text: table.joining, askContact: false, opensAt: at.toISOString() };
  const opening = nextOpening(hours, at);
  if (!opening) return { text: table.away, askContact: true, opensAt: null };
  return {
    text: table.awayUntil.replace('{when}', describeOpening(opening, hours, language)),
    askContact: true,
    opensAt: opening.toISOString(),
  };
}
