import type { z } from 'zod';
import type { ActionSchema } from '@switchboard/contract/actions';
import type { ActionRow } from './schema';

export type ActionView = z.infer<typeof ActionSchema>;

/** An action as the API shows it: a secret header's value never leaves, only its hint. */
export function actionView(row: ActionRow): ActionView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    inputSchema: row.inputSchema,
    method: row.method,
    url: row.url,
    headers: row.headers.map((h) => ({
      name: h.name,
      secret: h.secret,
      value: h.secret ? null : (h.value ?? ''),
      hint: h.secret ? (h.hint ?? '••••') : null,
    })),
    bodyTemplate: row.bodyTemplate,
    keep: row.keep,
    maxResponseBytes: row.maxResponseBytes,
    enabled: row.enabled,
    requiresVerifiedVisitor: row.requiresVerifiedVisitor,
    requiresConfirmation: row.requiresConfirmation,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
