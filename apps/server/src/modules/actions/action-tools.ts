import { and, eq, inArray } from 'drizzle-orm';
import type { ChatTool } from '../../platform/llm';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { requestConfirmation } from './confirmations';
import { runAction } from './run-action';
import { actions } from './schema';
import { inputValidator, type VerifiedVisitor } from './templates';

export interface ActionToolOptions {
  /** The agent's enabled actions (`tools.actionIds`); ids of another workspace find nothing. */
  actionIds: readonly string[];
  conversationId: string;
  /** The visitor as the website verified them (identity HMAC), or null. Never from the model. */
  visitor: VerifiedVisitor | null;
}

export const SIGN_IN_FIRST =
  'Not run: this action needs the visitor to be signed in on the website (a verified identity). Tell them to sign in first.';

/** The agent's enabled actions as tools of the model's loop, each with its own JSON Schema. */
export async function actionTools(ctx: ServiceContext, options: ActionToolOptions): Promise<Record<string, ChatTool>> {
  if (!options.actionIds.length) return {};
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select()
      .from(actions)
      .where(and(inArray(actions.id, [...options.actionIds]), eq(actions.enabled, true))),
  );
  const tools: Record<string, ChatTool> = {};
  for (const row of rows) {
    let inputSchema: ChatTool['inputSchema'];
    try {
      inputSchema = inputValidator(row.inputSchema);
    } catch {
      continue; // checked when saved; a schema zod stops reading is left out rather than failing the turn
    }
    tools[row.name] = {
      description: row.description,
      inputSchema,
      async execute(input: Record<string, unknown>) {
        if (row.requiresVerifiedVisitor && !options.visitor) return SIGN_IN_FIRST;
        const values = { input, visitor: row.requiresVerifiedVisitor ? options.visitor : null };
        if (row.requiresConfirmation) return requestConfirmation(ctx, row, options.conversationId, values);
        const run = await runAction(ctx.tenantId, row, values);
        if (run.error) return `The action failed: ${run.error} Tell the visitor it did not work.`;
        return { status: run.status, durationMs: run.durationMs, output: run.output };
      },
    };
  }
  return tools;
}
