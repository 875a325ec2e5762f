import { actionInputSchema, createActionInput } from '@switchboard/contract/actions';
import { z } from 'zod';
import type { Action } from './actions-api';

const shape = createActionInput.shape;

/**
 * The form's values: the contract's fields, with the JSON Schema and the kept paths as text a
 * person edits. Each field is checked by the contract's own rule; `toRequest` makes the body.
 */
export const actionFormSchema = z.object({
  name: shape.name,
  description: shape.description,
  method: shape.method,
  url: shape.url,
  inputSchemaText: z.string().superRefine((text, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return ctx.addIssue({ code: 'custom', message: 'Not valid JSON' });
    }
    const checked = actionInputSchema.safeParse(parsed);
    if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0]!.message });
  }),
  headers: z.array(
    z.object({
      name: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{1,100}$/, 'Letters, digits and dashes'),
      value: z.string(),
      secret: z.boolean(),
    }),
  ),
  bodyTemplate: z.string().max(10_000),
  keepText: z.string().max(2000),
  maxResponseBytes: z.coerce.number().int().min(256).max(262_144),
  enabled: z.boolean(),
  requiresVerifiedVisitor: z.boolean(),
  requiresConfirmation: z.boolean(),
});

export type ActionFormValues = z.input<typeof actionFormSchema>;

export const EMPTY_ACTION: ActionFormValues = {
  name: '',
  description: '',
  method: 'GET',
  url: 'https://',
  inputSchemaText: JSON.stringify(
    { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
    null,
    2,
  ),
  headers: [],
  bodyTemplate: '',
  keepText: '',
  maxResponseBytes: 16_384,
  enabled: true,
  requiresVerifiedVisitor: false,
  requiresConfirmation: false,
};

export function formValuesOf(action: Action): ActionFormValues {
  return {
    name: action.name,
    description: action.description,
    method: action.method,
    url: action.url,
    inputSchemaText: JSON.stringify(action.inputSchema, null, 2),
    // A secret's value is never sent here: left empty, the server keeps the stored one.
    headers: action.headers.map((h) => ({ name: h.name, value: h.value ?? '', secret: h.secret })),
    bodyTemplate: action.bodyTemplate ?? '',
    keepText: action.keep.join(', '),
    maxResponseBytes: action.maxResponseBytes,
    enabled: action.enabled,
    requiresVerifiedVisitor: action.requiresVerifiedVisitor,
    requiresConfirmation: action.requiresConfirmation,
  };
}

export function toRequest(values: z.output<typeof actionFormSchema>) {
  return {
    name: values.name,
    description: values.description,
    method: values.method,
    url: values.url,
    inputSchema: JSON.parse(values.inputSchemaText) as Record<string, unknown>,
    headers: values.headers.map((h) => ({ name: h.name, secret: h.secret, ...(h.value ? { value: h.value } : {}) })),
    bodyTemplate: values.bodyTemplate.trim() ? values.bodyTemplate : null,
    keep: values.keepText
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    maxResponseBytes: values.maxResponseBytes,
    enabled: values.enabled,
    requiresVerifiedVisitor: values.requiresVerifiedVisitor,
    requiresConfirmation: values.requiresConfirmation,
  };
}
