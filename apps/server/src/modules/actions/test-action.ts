import { testActionInput } from '@switchboard/contract/actions';
import type { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { loadAction } from './manage-actions';
import { runAction, type ActionRun } from './run-action';
import { inputValidator } from './templates';

/**
 * "Test action": one real call with the input a person typed (and, for actions that need one,
 * the verified visitor to act as), answered with what was sent and what the model would get.
 */
export async function testAction(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof testActionInput>,
): Promise<ActionRun> {
  assertCan(ctx, 'actions.manage');
  const data = testActionInput.parse(input);
  const row = await withTenant(ctx, (tx) => loadAction(tx, id));
  const parsed = inputValidator(row.inputSchema).safeParse(data.input);
  if (!parsed.success)
    throw new ValidationError(
      'The input does not fit the action’s input schema.',
      parsed.error.issues.map((i) => ({ path: ['input', ...i.path].join('.'), message: i.message })),
    );
  if (row.requiresVerifiedVisitor && !data.visitor)
    throw new ValidationError('This action needs a verified visitor: give one to act as.', [
      { path: 'visitor', message: 'Required for this action' },
    ]);
  const visitor = data.visitor ? { userId: data.visitor.userId, email: data.visitor.email ?? null } : null;
  const run = await runAction(ctx.tenantId, row, { input: parsed.data as Record<string, unknown>, visitor });
  await withTenant(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: 'action.tested',
      targetType: 'action',
      targetId: id,
      after: { status: run.status, url: run.request.url },
    }),
  );
  return run;
}
