import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { fillRequest, runAction, type ActionRun } from './run-action';
import { actionConfirmations, actions, type ActionRow } from './schema';
import type { TemplateValues, VerifiedVisitor } from './templates';

/** What the model hears when an action waits for the visitor (the turn also tells the widget). */
export const AWAITING_CONFIRMATION =
  'Not run yet: the visitor now sees what will happen, with Confirm and Cancel buttons. Ask them to confirm; do not say it is done.';

export interface PendingConfirmation {
  id: string;
  actionName: string;
  summary: string;
  createdAt: string;
}

/** What will happen, as the visitor reads it: the filled request, never a header. */
export function summaryOf(row: ActionRow, values: TemplateValues): string {
  const request = fillRequest(row, values);
  const first = row.description.split('\n')[0]!.slice(0, 200);
  return `${first}\n${request.method} ${request.url}${request.body ? `\n${request.body.slice(0, 1000)}` : ''}`;
}

/**
 * The model asked for an action that needs the visitor's yes: nothing is sent now. The filled
 * request waits in the conversation until the visitor confirms or cancels (it survives a reload).
 */
export async function requestConfirmation(
  ctx: ServiceContext,
  row: ActionRow,
  conversationId: string,
  values: TemplateValues,
): Promise<string> {
  const summary = summaryOf(row, values);
  await withTenant(ctx, (tx) =>
    tx.db.insert(actionConfirmations).values({
      tenantId: ctx.tenantId,
      id: newId('acf'),
      conversationId,
      actionId: row.id,
      input: values.input,
      summary,
    }),
  );
  return AWAITING_CONFIRMATION;
}

/** The conversation's confirmations still waiting, oldest first. */
export async function pendingConfirmations(
  ctx: ServiceContext,
  conversationId: string,
): Promise<PendingConfirmation[]> {
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select({
        id: actionConfirmations.id,
        actionName: actions.name,
        summary: actionConfirmations.summary,
        createdAt: actionConfirmations.createdAt,
      })
      .from(actionConfirmations)
      .innerJoin(
        actions,
        and(eq(actions.tenantId, actionConfirmations.tenantId), eq(actions.id, actionConfirmations.actionId)),
      )
      .where(and(eq(actionConfirmations.conversationId, conversationId), eq(actionConfirmations.status, 'pending')))
      .orderBy(asc(actionConfirmations.id)),
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

const outcomeOf = (run: ActionRun) =>
  run.error ? { status: run.status, error: run.error } : { status: run.status, output: run.output };

/**
 * The visitor's answer. Claimed in one statement (pending → decided), so a double click or two
 * tabs run the action once; Confirm then makes the call as the model would have, and the
 * outcome waits for the model's next turn.
 */
export async function decideConfirmation(
  ctx: ServiceContext,
  conversationId: string,
  id: string,
  confirm: boolean,
  visitor: VerifiedVisitor | null,
): Promise<{ actionName: string; run: ActionRun | null }> {
  const claimed = await withTenant(ctx, async (tx) => {
    const [decided] = await tx.db
      .update(actionConfirmations)
      .set({ status: confirm ? 'confirmed' : 'cancelled', decidedAt: new Date() })
      .where(
        and(
          eq(actionConfirmations.id, id),
          eq(actionConfirmations.conversationId, conversationId),
          eq(actionConfirmations.status, 'pending'),
        ),
      )
      .returning();
    if (!decided) throw new NotFoundError('Confirmation', 'not_found');
    const [row] = await tx.db.select().from(actions).where(eq(actions.id, decided.actionId));
    return { decided, row: row! };
  });
  const { row } = claimed;
  let run: ActionRun | null = null;
  if (confirm) {
    run =
      row.requiresVerifiedVisitor && !visitor
        ? {
            request: fillRequest(row, { input: {}, visitor: null }),
            status: null,
            output: null,
            error: 'The visitor is not signed in.',
            durationMs: 0,
          }
        : await runAction(ctx.tenantId, row, { input: claimed.decided.input, visitor });
  }
  const result = run ? outcomeOf(run) : { cancelled: true };
  await withTenant(ctx, (tx) =>
    tx.db.update(actionConfirmations).set({ result }).where(eq(actionConfirmations.id, id)),
  );
  return { actionName: row.name, run };
}

/**
 * Outcomes the model has not heard of yet (decided since its last turn), marked as told: the
 * next answer continues from them.
 */
export async function takeOutcomes(
  ctx: ServiceContext,
  conversationId: string,
): Promise<Array<{ action: string; input: unknown; decision: string; result: unknown }>> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.db
      .update(actionConfirmations)
      .set({ reportedAt: new Date() })
      .where(
        and(
          eq(actionConfirmations.conversationId, conversationId),
          ne(actionConfirmations.status, 'pending'),
          isNull(actionConfirmations.reportedAt),
        ),
      )
      .returning();
    if (!rows.length) return [];
    const names = await tx.db.select({ id: actions.id, name: actions.name }).from(actions);
    return rows.map((r) => ({
      action: names.find((n) => n.id === r.actionId)?.name ?? r.actionId,
      input: r.input,
      decision: r.status,
      result: r.result,
    }));
  });
}
