import { z } from 'zod';
import { ValidationError } from '../../platform/errors';

/**
 * `{{input.x}}` (what the model gave) and `{{visitor.userId}}` / `{{visitor.email}}` (the
 * visitor the website verified). Values are encoded for where they land, so a value can add
 * nothing but itself: URL-encoded in the address, a JSON value in the body, one line in a header.
 */
const PLACEHOLDER = /\{\{\s*(input|visitor)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const VISITOR_FIELDS = ['userId', 'email'];

export interface VerifiedVisitor {
  userId: string;
  email: string | null;
}

export interface TemplateValues {
  input: Record<string, unknown>;
  visitor: VerifiedVisitor | null;
}

interface Templates {
  url: string;
  bodyTemplate: string | null;
  headers: Array<{ name: string; secret: boolean; value?: string }>;
  inputSchema: Record<string, unknown>;
  requiresVerifiedVisitor: boolean;
}

const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => ({ scope: m[1]!, key: m[2]! }));

/** A JSON Schema zod can read; the model's input is checked against it before any call. */
export function inputValidator(schema: Record<string, unknown>): z.ZodType {
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
}

/** Every problem of an action's templates, as validation details (empty when none). */
export function templateProblems(t: Templates): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const props = Object.keys((t.inputSchema.properties as Record<string, unknown>) ?? {});
  const check = (path: string, text: string) => {
    for (const { scope, key } of placeholders(text)) {
      if (scope === 'input' && !props.includes(key))
        problems.push({ path, message: `{{input.${key}}} is not a property of the input schema` });
      if (scope === 'visitor' && !VISITOR_FIELDS.includes(key))
        problems.push({ path, message: `{{visitor.${key}}} is not known (userId or email)` });
      if (scope === 'visitor' && !t.requiresVerifiedVisitor)
        problems.push({ path, message: 'Visitor placeholders need "requires a verified visitor"' });
    }
  };
  check('url', t.url);
  try {
    const filled = new URL(t.url.replace(PLACEHOLDER, 'x'));
    if (!/^https?:$/.test(filled.protocol)) throw new Error('protocol');
  } catch {
    problems.push({ path: 'url', message: 'Not a valid http(s) address once filled in' });
  }
  if (t.bodyTemplate !== null) {
    check('bodyTemplate', t.bodyTemplate);
    try {
      JSON.parse(t.bodyTemplate.replace(PLACEHOLDER, 'null'));
    } catch {
      problems.push({ path: 'bodyTemplate', message: 'Not JSON once filled in (write placeholders without quotes)' });
    }
  }
  t.headers.forEach((header, i) => {
    if (header.secret && header.value && placeholders(header.value).length)
      problems.push({ path: `headers.${i}.value`, message: 'A secret value cannot hold placeholders' });
    else if (header.value) check(`headers.${i}.value`, header.value);
  });
  try {
    inputValidator(t.inputSchema);
  } catch (error) {
    problems.push({ path: 'inputSchema', message: `Not a usable JSON Schema: ${(error as Error).message}` });
  }
  return problems;
}

export function assertTemplates(t: Templates): void {
  const problems = templateProblems(t);
  if (problems.length) throw new ValidationError('The action is not valid.', problems);
}

function valueOf(values: TemplateValues, scope: string, key: string): unknown {
  if (scope === 'visitor') {
    // Only the verified identity fills these; the model's input never does.
    if (!values.visitor) throw new Error('This action needs a signed-in visitor.');
    return key === 'userId' ? values.visitor.userId : values.visitor.email;
  }
  return values.input[key];
}

const asText = (value: unknown) =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);

export const fillUrl = (template: string, values: TemplateValues) =>
  template.replace(PLACEHOLDER, (_, scope: string, key: string) =>
    encodeURIComponent(asText(valueOf(values, scope, key))),
  );

export const fillBody = (template: string, values: TemplateValues) =>
  template.replace(PLACEHOLDER, (_, scope: string, key: string) => JSON.stringify(valueOf(values, scope, key) ?? null));

export const fillHeader = (template: string, values: TemplateValues) =>
  template
    .replace(PLACEHOLDER, (_, scope: string, key: string) => asText(valueOf(values, scope, key)))
    .replace(/[\r\n\0]/g, ' ');
