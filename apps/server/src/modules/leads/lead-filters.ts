import { and, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { LeadFilters } from '@switchboard/contract/leads';
import type { ServiceContext } from '../../platform/tenancy';
import { leads } from './schema';

export type { LeadFilters };

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, '\\$&')}%`;

function termCondition(term: string): SQL {
  const pattern = likePattern(term);
  const matches: SQL[] = [
    ilike(leads.name, pattern),
    ilike(leads.email, pattern),
    ilike(leads.phone, pattern),
    sql`EXISTS (SELECT 1 FROM jsonb_each_text(${leads.fields}) AS f WHERE f.value ILIKE ${pattern})`,
  ];
  // "555 1234" finds "+1 (555) 123-4" whatever the punctuation.
  const digits = term.replace(/\D/g, '');
  if (digits.length >= 3 && /^[+\d\s().-]+$/.test(term)) {
    matches.push(sql`regexp_replace(coalesce(${leads.phone}, ''), '[^0-9]', '', 'g') LIKE ${`%${digits}%`}`);
  }
  return or(...matches)!;
}

/** An API key limited to some agents sees only their leads. */
function visibleAgents(ctx: ServiceContext): SQL | undefined {
  const { actor } = ctx;
  if (actor.type !== 'apiKey' || !actor.agentIds) return undefined;
  return actor.agentIds.length ? inArray(leads.agentId, [...actor.agentIds]) : sql`false`;
}

export function leadConditions(ctx: ServiceContext, f: LeadFilters): SQL | undefined {
  const where: Array<SQL | undefined> = [visibleAgents(ctx)];
  if (f.status) where.push(eq(leads.status, f.status));
  if (f.agentId) where.push(eq(leads.agentId, f.agentId));
  if (f.conversationId) where.push(eq(leads.conversationId, f.conversationId));
  if (f.source) where.push(eq(leads.source, f.source));
  if (f.from) where.push(gte(leads.createdAt, f.from));
  if (f.to) where.push(lte(leads.createdAt, f.to));
  for (const term of (f.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) where.push(termCondition(term));
  return and(...where);
}

export function visibleToActor(ctx: ServiceContext, agentId: string | null): boolean {
  const { actor } = ctx;
  return !(actor.type === 'apiKey' && actor.agentIds && (!agentId || !actor.agentIds.includes(agentId)));
}
