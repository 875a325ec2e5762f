import { LEAD_FIELD_TYPES, LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from './enums';
import { z } from './z';

// Leads: contacts captured by agents and the widget's form, their statuses, notes and filters.

export { LEAD_FIELD_TYPES, LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus };

/** Control characters never belong in a contact detail (they break CSV and terminals). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (value: string) => value.replace(CONTROL, '').replace(/\s+/g, ' ').trim();

export const leadName = z
  .string()
  .max(400)
  .transform(clean)
  .pipe(z.string().max(200, 'Keep the name under 200 characters'));

export const leadEmail = z
  .string()
  .max(400)
  .transform((value) => clean(value).toLowerCase())
  .pipe(z.email('Enter a valid email address').max(320, 'That email address is too long'));

/** A phone number as people write it (+44 20 7946 0958, (555) 123-4567): 6 to 15 digits. */
export const leadPhone = z
  .string()
  .max(400)
  .transform(clean)
  .refine((value) => /^\+?[\d\s().-]+$/.test(value), 'Enter a valid phone number (digits, spaces, + ( ) . -)')
  .refine((value) => {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 15;
  }, 'Enter a valid phone number (6 to 15 digits)');

/** Free text keeps its line breaks (a message field), nothing else invisible. */
export const fieldValue = z
  .string()
  .max(5000)
  .transform((value) => value.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(2000, 'Keep it under 2,000 characters'));

/** Field keys: what integrations and the CSV columns see. */
export const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and _ (at most 40)');

/** Empty strings mean "not given". */
export const blankToNull = (value: unknown) => (typeof value === 'string' && clean(value) === '' ? null : value);

/** The filters the list and the CSV export share (query parameters). */
export const leadFilterFields = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  agentId: z.string().trim().min(1).max(60).optional(),
  conversationId: z.string().trim().min(1).max(60).optional(),
  source: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Not a lead source')
    .optional(),
  /** Created at or after. */
  from: z.coerce.date().optional(),
  /** Created at or before. */
  to: z.coerce.date().optional(),
  /** Words to find in the name, email, phone or custom fields (each word must match). */
  q: z.string().trim().max(200).optional(),
});

export const datesInOrder = <T extends { from?: Date | undefined; to?: Date | undefined }>(f: T) =>
  !f.from || !f.to || f.from <= f.to;
const datesMessage = { message: '`from` must not be after `to`', path: ['from'] };

export const leadFilters = leadFilterFields.refine(datesInOrder, datesMessage);
export const withDatesInOrder = <S extends z.ZodType<{ from?: Date | undefined; to?: Date | undefined }>>(schema: S) =>
  schema.refine(datesInOrder, datesMessage);

export type LeadFilters = z.output<typeof leadFilters>;

export const listLeadsInput = withDatesInOrder(
  leadFilterFields.extend({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    /** `nextCursor` of the previous page. */
    cursor: z.string().max(200).optional(),
  }),
);

/** A status change, or corrections to the contact details (empty or null clears one). */
export const updateLeadInput = z
  .object({
    status: z.enum(LEAD_STATUSES).optional(),
    name: z.preprocess(blankToNull, leadName.nullable()).optional(),
    email: z.preprocess(blankToNull, leadEmail.nullable()).optional(),
    phone: z.preprocess(blankToNull, leadPhone.nullable()).optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'Change at least one of status, name, email or phone',
  });

export const addLeadNoteInput = z.object({ text: z.string().trim().min(1, 'Write the note first').max(5000) }).strict();

export const LeadSchema = z
  .object({
    id: z.string(),
    conversationId: z.string().nullable(),
    agentId: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    fields: z.record(z.string(), z.string()).openapi({ description: 'Custom form fields and agent notes, by key' }),
    consent: z.boolean(),
    consentText: z.string().nullable().openapi({ description: 'The sentence the visitor agreed to' }),
    consentAt: z.date().nullable(),
    source: z.string().openapi({
      description:
        '`widget` (the widget’s contact form), `agent` (the chat’s capture_lead tool), `form` (the lead form API)',
    }),
    status: z.enum(LEAD_STATUSES),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Lead');
export const LeadNoteSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    author: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
    createdAt: z.date(),
  })
  .openapi('LeadNote');
export const LeadDetailSchema = LeadSchema.extend({ notes: z.array(LeadNoteSchema) }).openapi('LeadDetail');

export const LeadPageResponse = z.object({
  leads: z.array(LeadSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
export const LeadResponse = z.object({ lead: LeadSchema });
export const LeadDetailResponse = z.object({ lead: LeadDetailSchema });
export const LeadNoteResponse = z.object({ note: LeadNoteSchema });

/** The keys stored in the lead's own columns; every other key is a custom field. */
export const CONTACT_KEYS = ['name', 'email', 'phone'] as const;

export const leadFormField = z
  .object({
    key: fieldKey,
    label: z.string().trim().min(1).max(100),
    /** `name`, `email` and `phone` keys are always validated as such, whatever type says. */
    type: z.enum(LEAD_FIELD_TYPES).default('text'),
    required: z.boolean().default(false),
    /** The choices of a `select`. */
    options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  })
  .transform((f) => ({
    ...f,
    type: f.key === 'email' ? 'email' : f.key === 'phone' ? 'phone' : f.key === 'name' ? 'text' : f.type,
  }))
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'A select field needs options',
    path: ['options'],
  });

/**
 * The lead form a workspace configures for an agent's widget: its fields, which are required,
 * and an optional consent checkbox with the sentence the visitor agrees to.
 */
export const leadFormDefinition = z
  .object({
    fields: z.array(leadFormField).min(1).max(20),
    consent: z
      .object({ text: z.string().trim().min(1).max(2000), required: z.boolean().default(true) })
      .nullable()
      .default(null),
  })
  .refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, {
    message: 'Field keys must be unique',
    path: ['fields'],
  })
  .refine((f) => f.fields.some((x) => (CONTACT_KEYS as readonly string[]).includes(x.key)), {
    message: 'A lead form needs a name, email or phone field',
    path: ['fields'],
  });

export type LeadForm = z.output<typeof leadFormDefinition>;
export type LeadFormField = LeadForm['fields'][number];

/** What the widget posts: values by field key, and the consent checkbox. */
export const leadFormSubmission = z.object({
  values: z.record(z.string().max(60), z.union([z.string().max(5000), z.null()])).default({}),
  consent: z.boolean().default(false),
});

export type ListLeadsInput = z.input<typeof listLeadsInput>;
export type UpdateLeadInput = z.input<typeof updateLeadInput>;
