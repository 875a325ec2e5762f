import { asc, eq } from 'drizzle-orm';
import { cannedInput, cannedPatch } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { ConflictError, isUniqueViolation, NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { cannedResponses, type CannedResponseRow } from './schema';

export const cannedView = ({ tenantId: _t, ...rest }: CannedResponseRow) => rest;

const notFound = (id: string) => new NotFoundError('Canned response', 'not_found', { table: 'canned_responses', id });
const taken = (value: string) =>
  new ConflictError(`The shortcut /${value} is taken: choose another.`, 'shortcut_taken');

export async function listCannedResponses(ctx: ServiceContext): Promise<CannedResponseRow[]> {
  assertCan(ctx, 'conversations.read');
  return withTenant(ctx, (tx) => tx.db.select().from(cannedResponses).orderBy(asc(cannedResponses.shortcut)));
}

/** Shared by the team; the shortcut is unique in the workspace (case-insensitive). */
export async function createCannedResponse(
  ctx: ServiceContext,
  input: z.input<typeof cannedInput>,
): Promise<CannedResponseRow> {
  assertCan(ctx, 'conversations.reply');
  const data = cannedInput.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(cannedResponses)
        .values({
          tenantId: ctx.tenantId,
          id: newId('can'),
          ...data,
          createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
        })
        .returning();
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(data.shortcut);
    throw error;
  }
}

export async function updateCannedResponse(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof cannedPatch>,
): Promise<CannedResponseRow> {
  assertCan(ctx, 'conversations.reply');
  const patch = cannedPatch.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      const [row] = await tx.db
        .update(cannedResponses)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(cannedResponses.id, id))
        .returning();
      if (!row) throw notFound(id);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(patch.shortcut ?? '');
    throw error;
  }
}

export async function deleteCannedResponse(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'conversations.reply');
  await withTenant(ctx, async (tx) => {
    const [row] = await tx.db
      .delete(cannedResponses)
      .where(eq(cannedResponses.id, id))
      .returning({ id: cannedResponses.id });
    if (!row) throw notFound(id);
  });
}
