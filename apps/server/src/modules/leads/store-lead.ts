import { eq, isNotNull } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import { leads, type LeadRow } from './schema';

/** Where a lead came from. The caller has already checked that the actor may use the conversation. */
export interface LeadLink {
  conversationId: string | null;
  agentId: string | null;
  /** `agent` (chat tool), `form` (widget form), … */
  source: string;
}

/** What a capture brings. Absent or null contact details keep what the lead has. */
export interface CapturedValues {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  fields?: Record<string, string>;
  /** Only a form asks for consent; other captures leave it as it is. */
  consent?: { given: boolean; text: string | null };
}

export interface StoredLead {
  lead: LeadRow;
  /** False when an earlier lead of the same conversation was updated instead. */
  created: boolean;
}

const isForeignKeyViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23503' || e?.cause?.code === '23503';
};

function consentColumns(values: CapturedValues, before: LeadRow | undefined, now: Date) {
  if (!values.consent) return {};
  const { given, text } = values.consent;
  const unchanged = before?.consent && given && before.consentText === text;
  return {
    consent: given,
    consentText: given ? text : null,
    consentAt: given ? (unchanged ? before.consentAt : now) : null,
  };
}

async function lockByConversation(tx: Tx, conversationId: string): Promise<LeadRow | undefined> {
  const [row] = await tx.db.select().from(leads).where(eq(leads.conversationId, conversationId)).for('update');
  return row;
}

async function merge(tx: Tx, before: LeadRow, values: CapturedValues, link: LeadLink, now: Date): Promise<StoredLead> {
  const next = {
    name: values.name ?? before.name,
    email: values.email ?? before.email,
    phone: values.phone ?? before.phone,
    fields: { ...before.fields, ...values.fields },
    ...consentColumns(values, before, now),
  };
  const changes = (Object.keys(next) as Array<keyof typeof next>).filter(
    (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]) && k !== 'consentAt',
  );
  if (!changes.length) return { lead: before, created: false };
  const [lead] = await tx.db
    .update(leads)
    .set({ ...next, updatedAt: now })
    .where(eq(leads.id, before.id))
    .returning();
  await emit(tx, 'lead.updated', {
    leadId: before.id,
    conversationId: before.conversationId,
    agentId: before.agentId,
    changes,
    via: link.source,
  });
  return { lead: lead!, created: false };
}

/**
 * Inserts the lead, or, when its conversation already has one, merges into it (a form sent
 * twice, the agent capturing again): one lead per conversation, guaranteed by a unique index
 * even when two submissions race. Emits `lead.created` or `lead.updated`.
 */
export async function storeLead(
  tx: Tx,
  ctx: ServiceContext,
  values: CapturedValues,
  link: LeadLink,
): Promise<StoredLead> {
  const now = new Date();
  const { conversationId } = link;
  try {
    const existing = conversationId ? await lockByConversation(tx, conversationId) : undefined;
    if (existing) return await merge(tx, existing, values, link, now);
    const insert = tx.db.insert(leads).values({
      tenantId: ctx.tenantId,
      id: newId('lead'),
      conversationId,
      agentId: link.agentId,
      name: values.name ?? null,
      email: values.email ?? null,
      phone: values.phone ?? null,
      fields: values.fields ?? {},
      source: link.source,
      ...consentColumns(values, undefined, now),
      createdAt: now,
      updatedAt: now,
    });
    const [lead] = await insert
      .onConflictDoNothing({ target: [leads.tenantId, leads.conversationId], where: isNotNull(leads.conversationId) })
      .returning();
    if (!lead) {
      // A concurrent capture of the same conversation won the insert: merge into it.
      const winner = await lockByConversation(tx, conversationId!);
      return await merge(tx, winner!, values, link, now);
    }
    await emit(tx, 'lead.created', { leadId: lead.id, conversationId, agentId: link.agentId, source: link.source });
    return { lead, created: true };
  } catch (error) {
    // The (tenant, conversation) foreign key: no such conversation in this workspace.
    if (isForeignKeyViolation(error))
      throw new NotFoundError('Conversation', 'not_found', { table: 'conversations', id: conversationId ?? '' });
    throw error;
  }
}
