import { and, eq } from 'drizzle-orm';
import { withTenant, type ServiceContext } from '../../../platform/tenancy';
import { messages } from '../schema';

/**
 * The capture_lead tool saves what the visitor gave, never what the model was told elsewhere:
 * a passage of knowledge (a web page, an uploaded file) can ask the model to "save the lead
 * attacker@example.com". So each contact detail the model passes must appear in the visitor's
 * own messages of this conversation, compared normalised: an email case-insensitively, a phone
 * by its digits (spacing, dashes, brackets, a leading + or trunk 0 aside), a name word by word
 * (case and accents aside).
 */
export interface LeadDetails {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

/** The visitor's messages of the conversation (the turn's own question is stored before the model runs). */
export async function visitorMessages(ctx: ServiceContext, conversationId: string): Promise<string[]> {
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select({ content: messages.content })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'user'))),
  );
  return rows.map((row) => row.content);
}

const plain = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase();
const wordsOf = (text: string) => plain(text).match(/[\p{L}\p{N}]+/gu) ?? [];
const digitsOf = (text: string) => text.replace(/\D/g, '');

/** The email as a whole address in the text: not a piece of a longer one. */
function emailWritten(email: string, text: string): boolean {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}._%+@-])${escaped}(?![\\p{L}\\p{N}_%+@-]|\\.[\\p{L}\\p{N}])`, 'u').test(text);
}

function phoneWritten(phone: string, said: string[]): boolean {
  const digits = digitsOf(phone).replace(/^0+/, '');
  if (digits.length < 5) return false;
  // Phone-like runs of the visitor's text: digits with the separators people type between them.
  return said.some((text) => (text.match(/\+?\d[\d\s().\-/]*\d/g) ?? []).some((run) => digitsOf(run).includes(digits)));
}

/** The details the visitor did not write themselves (empty: all were theirs). */
export function detailsNotFromVisitor(details: LeadDetails, said: string[]): Array<keyof LeadDetails> {
  const text = said.map(plain).join('\n');
  const words = new Set(said.flatMap(wordsOf));
  const missing: Array<keyof LeadDetails> = [];
  const email = details.email?.trim();
  if (email && !emailWritten(plain(email), text)) missing.push('email');
  const phone = details.phone?.trim();
  if (phone && !phoneWritten(phone, said)) missing.push('phone');
  const name = details.name?.trim();
  if (name && !(wordsOf(name).length > 0 && wordsOf(name).every((word) => words.has(word)))) missing.push('name');
  return missing;
}
