import { z } from 'zod';
import { fieldKey } from '@switchboard/contract/leads';

/** The keys stored in the lead's own columns; every other key is a custom field. */
export const CONTACT_KEYS = ['name', 'email', 'phone'] as const;

export const leadFormField = z
  .object({
    key: fieldKey,
    label: z.string().trim().min(1).max(100),
    /** `name`, `email` and `phone` keys are always validated as such, whatever type says. */
    type: z.enum(['text', 'textarea', 'email', 'phone', 'select']).default('text'),
    required: z.boolean().default(false),
    /** The choices of a `select`. */
    options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  })
  .transform((f) => ({ ...f, type: f.key === 'email' ? 'email' : f.key === 'phone' ? 'phone' : f.key === 'name' ? 'text' : f.type }))
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, { message: 'A select field needs options', path: ['options'] });

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
  .refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, { message: 'Field keys must be unique', path: ['fields'] })
  .refine((f) => f.fields.some((x) => (CONTACT_KEYS as readonly string[]).includes(x.key)), {
    message: 'A lead form needs a name, email or phone field',
    path: ['fields'],
  });

export type LeadForm = z.output<typeof leadFormDefinition>;
export type LeadFormField = LeadForm['fields'][number];

/** What a widget shows when the workspace configured nothing: name and email, both required. */
export const DEFAULT_LEAD_FORM: LeadForm = leadFormDefinition.parse({
  fields: [
    { key: 'name', label: 'Name', required: true },
    { key: 'email', label: 'Email', required: true },
  ],
});

/** What the widget posts: values by field key, and the consent checkbox. */
export const leadFormSubmission = z.object({
  values: z.record(z.string().max(60), z.union([z.string().max(5000), z.null()])).default({}),
  consent: z.boolean().default(false),
});
