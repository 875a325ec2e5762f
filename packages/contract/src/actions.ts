import { z } from './z';

// Custom actions: a workspace's own HTTP endpoints the model may call as tools.

export const ACTION_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Names of the built-in tools: an action may not take one. */
export const RESERVED_TOOL_NAMES = ['search_knowledge', 'request_human', 'capture_lead', 'confirm_action'] as const;
/** The `tool` event a turn streams when an action waits for the visitor: the widget then shows it. */
export const CONFIRM_ACTION_EVENT = 'confirm_action';
/** The JSON Schema of an action's input, serialised, stays under this many bytes. */
export const ACTION_SCHEMA_MAX_BYTES = 8192;
export const ACTION_RESPONSE_MAX_BYTES = 262_144;

export const actionName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, 'Use lowercase letters, digits and underscores, starting with a letter (2–64)')
  .refine((name) => !(RESERVED_TOOL_NAMES as readonly string[]).includes(name), 'That name is a built-in tool')
  // MCP tools are named `<server>__<tool>`: an action never takes such a name.
  .refine((name) => !name.includes('__'), 'No double underscore (MCP tools use it)')
  .openapi({ description: 'The tool name the model sees; unique in the workspace' });

/** A JSON Schema for the model's input: an object with named properties. */
export const actionInputSchema = z
  .record(z.string(), z.unknown())
  .refine((schema) => schema.type === 'object', 'The input schema must have "type": "object"')
  .refine(
    (schema) =>
      typeof schema.properties === 'object' &&
      schema.properties !== null &&
      !Array.isArray(schema.properties) &&
      Object.keys(schema.properties).length > 0 &&
      Object.keys(schema.properties).every((key) => /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key)),
    'The input schema needs "properties", named with letters, digits and underscores',
  )
  .refine(
    (schema) => JSON.stringify(schema).length <= ACTION_SCHEMA_MAX_BYTES,
    `Keep the input schema under ${ACTION_SCHEMA_MAX_BYTES} bytes`,
  )
  .openapi({ description: 'JSON Schema of the input (type object, with properties)' });

export const actionHeaderInput = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,100}$/, 'Letters, digits and dashes'),
    /** Omitted on an update of a secret header: its stored value is kept. */
    value: z.string().max(4000).optional(),
    secret: z.boolean().optional().default(false),
  })
  .strict();

const actionFields = {
  description: z.string().trim().min(1, 'Describe when the model should use it').max(1000),
  inputSchema: actionInputSchema,
  method: z.enum(ACTION_METHODS),
  url: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/[^\s{}/]+(\/\S*)?$/i, 'A full http(s) address; placeholders only after the host')
    .openapi({ description: 'URL template; `{{input.x}}`, `{{visitor.userId}}` values are URL-encoded' }),
  headers: z.array(actionHeaderInput).max(20),
  bodyTemplate: z
    .string()
    .max(10_000)
    .nullable()
    .openapi({ description: 'JSON body template; placeholders are replaced by JSON values (strings quoted)' }),
  keep: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'A dotted path like order.status'),
    )
    .max(30)
    .openapi({ description: 'Response fields the model gets (dotted paths); empty: the whole response' }),
  maxResponseBytes: z.number().int().min(256).max(ACTION_RESPONSE_MAX_BYTES),
  enabled: z.boolean(),
  requiresVerifiedVisitor: z.boolean(),
  requiresConfirmation: z.boolean(),
};

export const createActionInput = z
  .object({
    name: actionName,
    ...actionFields,
    headers: actionFields.headers.optional().default([]),
    bodyTemplate: actionFields.bodyTemplate.optional().default(null),
    keep: actionFields.keep.optional().default([]),
    maxResponseBytes: actionFields.maxResponseBytes.optional().default(16_384),
    enabled: actionFields.enabled.optional().default(true),
    requiresVerifiedVisitor: actionFields.requiresVerifiedVisitor.optional().default(false),
    requiresConfirmation: actionFields.requiresConfirmation.optional().default(false),
  })
  .strict();

export const updateActionInput = z
  .object({
    name: actionName.optional(),
    description: actionFields.description.optional(),
    inputSchema: actionFields.inputSchema.optional(),
    method: actionFields.method.optional(),
    url: actionFields.url.optional(),
    headers: actionFields.headers.optional(),
    bodyTemplate: actionFields.bodyTemplate.optional(),
    keep: actionFields.keep.optional(),
    maxResponseBytes: actionFields.maxResponseBytes.optional(),
    enabled: actionFields.enabled.optional(),
    requiresVerifiedVisitor: actionFields.requiresVerifiedVisitor.optional(),
    requiresConfirmation: actionFields.requiresConfirmation.optional(),
  })
  .strict();

export const ActionHeaderSchema = z
  .object({
    name: z.string(),
    secret: z.boolean(),
    value: z.string().nullable().openapi({ description: 'null for a secret header: it is never returned' }),
    hint: z.string().nullable().openapi({ description: 'The last characters of a secret value, masked' }),
  })
  .openapi('ActionHeader');

export const ActionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    inputSchema: z.record(z.string(), z.unknown()),
    method: z.enum(ACTION_METHODS),
    url: z.string(),
    headers: z.array(ActionHeaderSchema),
    bodyTemplate: z.string().nullable(),
    keep: z.array(z.string()),
    maxResponseBytes: z.number().int(),
    enabled: z.boolean(),
    requiresVerifiedVisitor: z.boolean(),
    requiresConfirmation: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Action');

export const ActionResponse = z.object({ action: ActionSchema });
export const ActionListResponse = z.object({ actions: z.array(ActionSchema) });

export const testActionInput = z
  .object({
    input: z.record(z.string(), z.unknown()).openapi({ description: 'The input, as the model would give it' }),
    visitor: z
      .object({ userId: z.string().trim().min(1).max(200), email: z.string().trim().max(320).nullable().optional() })
      .strict()
      .nullable()
      .optional()
      .openapi({ description: 'A verified visitor to act as (for `{{visitor.*}}` placeholders)' }),
  })
  .strict();

export const ActionRunSchema = z
  .object({
    request: z.object({ method: z.string(), url: z.string(), body: z.string().nullable() }).openapi({
      description: 'What was sent (secret header values are not included)',
    }),
    status: z.number().int().nullable().openapi({ description: 'The HTTP status; null when no answer came' }),
    output: z.unknown().openapi({ description: 'The kept fields of the response' }),
    error: z.string().nullable(),
    durationMs: z.number().int(),
  })
  .openapi('ActionRun');

export const ActionRunResponse = z.object({ run: ActionRunSchema });

// The widget's side of confirmations: what waits for the visitor's yes, and their answer.

export const PendingActionSchema = z
  .object({
    id: z.string(),
    actionName: z.string(),
    summary: z.string().openapi({ description: 'What will happen: the action and the filled request' }),
    createdAt: z.string(),
  })
  .openapi('PendingAction');

export const PendingActionListResponse = z.object({ actions: z.array(PendingActionSchema) });

export const decideActionInput = z
  .object({ confirm: z.boolean().openapi({ description: 'true: run it; false: cancel it' }) })
  .strict();

export const DecideActionResponse = z.object({
  decision: z.enum(['confirmed', 'cancelled']),
  succeeded: z.boolean().openapi({ description: 'Whether the call went through (false when cancelled)' }),
});
