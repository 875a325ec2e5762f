import type { ReportMetric } from '@switchboard/contract/analytics-reports';

export type ReportLanguage = 'en' | 'fr' | 'de' | 'es';

interface Words {
  metrics: Record<ReportMetric, string>;
  title: string;
  frequency: Record<'daily' | 'weekly' | 'monthly', string>;
  period: string;
  previous: string;
  chart: string;
  openLive: string;
  greeting: string;
  body: (name: string, workspace: string, from: string, to: string) => string;
  unsubscribe: string;
  noData: string;
}

/** The words of the mail and the PDF, in the report's language (the PDF's built-in font covers Latin-1). */
export const WORDS: Record<ReportLanguage, Words> = {
  en: {
    metrics: {
      conversations: 'Conversations',
      messages: 'Messages',
      botResolved: 'Resolved by the bot',
      handedOff: 'Handed off to a person',
      unanswered: 'Unanswered rate',
      firstResponse: 'First response (median)',
      resolution: 'Resolution time (median)',
      csat: 'Satisfaction (CSAT)',
      feedback: 'Answer feedback (up / down)',
      leads: 'Leads captured',
      tokens: 'Model tokens (in / out)',
      cost: 'Model cost (USD)',
    },
    title: 'Analytics report',
    frequency: { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' },
    period: 'Period',
    previous: 'Previous period',
    chart: 'Conversations per day',
    openLive: 'Open the live Analytics page',
    greeting: 'Hello,',
    body: (name, ws, from, to) => `Here is "${name}" for ${ws}, from ${from} to ${to}. The PDF is attached.`,
    unsubscribe: 'Stop receiving this report',
    noData: 'No conversations in this period.',
  },
  fr: {
    metrics: {
      conversations: 'Conversations',
      messages: 'Messages',
      botResolved: 'Résolues par le bot',
      handedOff: 'Transférées à une personne',
      unanswered: 'Taux sans réponse',
      firstResponse: 'Première réponse (médiane)',
      resolution: 'Délai de résolution (médiane)',
      csat: 'Satisfaction (CSAT)',
      feedback: 'Avis sur les réponses (pour / contre)',
      leads: 'Prospects capturés',
      tokens: 'Jetons du modèle (entrée / sortie)',
      cost: 'Coût du modèle (USD)',
    },
    title: 'Rapport d’analyse',
    frequency: { daily: 'Quotidien', weekly: 'Hebdomadaire', monthly: 'Mensuel' },
    period: 'Période',
    previous: 'Période précédente',
    chart: 'Conversations par jour',
    openLive: 'Ouvrir la page Analyse en direct',
    greeting: 'Bonjour,',
    body: (name, ws, from, to) => `Voici « ${name} » pour ${ws}, du ${from} au ${to}. Le PDF est joint.`,
    unsubscribe: 'Ne plus recevoir ce rapport',
    noData: 'Aucune conversation sur cette période.',
  },
  de: {
    metrics: {
      conversations: 'Gespräche',
      messages: 'Nachrichten',
      botResolved: 'Vom Bot gelöst',
      handedOff: 'An eine Person übergeben',
      unanswered: 'Unbeantwortet (Anteil)',
      firstResponse: 'Erste Antwort (Median)',
      resolution: 'Lösungszeit (Median)',
      csat: 'Zufriedenheit (CSAT)',
      feedback: 'Bewertung der Antworten (gut / schlecht)',
      leads: 'Erfasste Leads',
      tokens: 'Modell-Tokens (ein / aus)',
      cost: 'Modellkosten (USD)',
    },
    title: 'Analysebericht',
    frequency: { daily: 'Täglich', weekly: 'Wöchentlich', monthly: 'Monatlich' },
    period: 'Zeitraum',
    previous: 'Vorheriger Zeitraum',
    chart: 'Gespräche pro Tag',
    openLive: 'Die Analyse-Seite öffnen',
    greeting: 'Hallo,',
    body: (name, ws, from, to) => `Hier ist „${name}“ für ${ws}, vom ${from} bis ${to}. Das PDF ist angehängt.`,
    unsubscribe: 'Diesen Bericht abbestellen',
    noData: 'Keine Gespräche in diesem Zeitraum.',
  },
  es: {
    metrics: {
      conversations: 'Conversaciones',
      messages: 'Mensajes',
      botResolved: 'Resueltas por el bot',
      handedOff: 'Derivadas a una persona',
      unanswered: 'Tasa sin respuesta',
      firstResponse: 'Primera respuesta (mediana)',
      resolution: 'Tiempo de resolución (mediana)',
      csat: 'Satisfacción (CSAT)',
      feedback: 'Valoración de respuestas (sí / no)',
      leads: 'Contactos captados',
      tokens: 'Tokens del modelo (entrada / salida)',
      cost: 'Coste del modelo (USD)',
    },
    title: 'Informe de analítica',
    frequency: { daily: 'Diario', weekly: 'Semanal', monthly: 'Mensual' },
    period: 'Periodo',
    previous: 'Periodo anterior',
    chart: 'Conversaciones por día',
    openLive: 'Abrir la página de analítica',
    greeting: 'Hola:',
    body: (name, ws, from, to) => `Aquí está «${name}» de ${ws}, del ${from} al ${to}. El PDF va adjunto.`,
    unsubscribe: 'Dejar de recibir este informe',
    noData: 'Ninguna conversación en este periodo.',
  },
};
