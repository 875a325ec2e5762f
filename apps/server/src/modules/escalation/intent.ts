/**
 * Whether a visitor's message asks for a person, in the languages the widget speaks: the
 * phrases are specific ("talk to a human", "real person") so that ordinary questions that
 * merely mention "agent" or "person" keep the bot.
 */
const PHRASES: RegExp[] = [
  /\b(talk|speak|chat|connect|put)\w*\s+(me\s+|us\s+)?(through\s+)?(to|with)\s+(a|an|some|the|your)?\s*(real\s+|actual\s+|live\s+)?(human|person|people|someone|somebody|agent|operator|representative|rep|staff|support)\b/i,
  /\b(real|actual|live)\s+(human|person|agent|operator)\b/i,
  /\b(human|live)\s+(agent|support|operator|help)\b/i,
  /\b(want|need|get|give me|let me talk to)\s+(a\s+|an\s+)?(human|person|operator|representative)\b/i,
  /\bcustomer\s+(service|support)\s+(agent|representative|person)\b/i,
  /\b(hablar|comunicarme)\s+con\s+(una\s+persona|un\s+humano|un\s+agente|alguien)\b/i,
  /\b(parler|discuter)\s+(à|a|avec)\s+(un\s+humain|une\s+personne|un\s+conseiller|quelqu'un)\b/i,
  /\b(mit\s+einem\s+(menschen|mitarbeiter)|mit\s+einer\s+person)\s+(sprechen|reden)\b/i,
  /\bfalar\s+com\s+(uma\s+pessoa|um\s+humano|um\s+atendente|alguém)\b/i,
];

export function asksForPerson(text: string): boolean {
  return PHRASES.some((pattern) => pattern.test(text));
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first of the agent's hand-off keywords the message contains as a whole word or phrase. */
export function matchedKeyword(text: string, keywords: readonly string[]): string | null {
  for (const keyword of keywords) {
    const trimmed = keyword.trim();
    if (!trimmed) continue;
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(trimmed)}($|[^\\p{L}\\p{N}])`, 'iu').test(text)) return trimmed;
  }
  return null;
}
