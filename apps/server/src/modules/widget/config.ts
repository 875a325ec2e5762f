import { z } from 'zod';

/**
 * What a workspace configures for an agent's widget. Stored as JSON beside the key and the
 * allowed origins; every read goes through `widgetConfig.parse`, so rows written before a new
 * field existed get its default.
 */
export const WIDGET_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'ar'] as const;
export const LAUNCHER_ICONS = ['chat', 'help', 'sparkle', 'headset'] as const;

const hexColor = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #4f46e5');
const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'Use an http(s) address');

export const widgetLook = z.object({
  primaryColor: hexColor.default('#4f46e5'),
  position: z.enum(['bottom-right', 'bottom-left']).default('bottom-right'),
  launcherIcon: z.enum(LAUNCHER_ICONS).default('chat'),
  /** null: the agent's avatar. */
  avatarUrl: httpsUrl.nullable().default(null),
  /** null: the agent's name. */
  title: z.string().trim().min(1).max(80).nullable().default(null),
  /** null: the agent's greeting. */
  welcomeText: z.string().trim().min(1).max(500).nullable().default(null),
  theme: z.enum(['light', 'dark', 'auto']).default('light'),
});

/** Same shape as the leads module's form definition, so one can become the other. */
export const leadFormField = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and _'),
  label: z.string().trim().min(1).max(100),
  type: z.enum(['text', 'textarea', 'email', 'phone', 'select']).default('text'),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});

export const widgetLeadForm = z
  .object({
    enabled: z.boolean().default(false),
    /** before_chat: asked first; on_demand: a button; tool: when the agent's lead tool asks. */
    when: z.enum(['before_chat', 'on_demand', 'tool']).default('on_demand'),
    title: z.string().trim().min(1).max(120).nullable().default(null),
    fields: z
      .array(leadFormField)
      .min(1)
      .max(20)
      .default([
        { key: 'name', label: 'Name', type: 'text', required: true },
        { key: 'email', label: 'Email', type: 'email', required: true },
      ]),
    consent: z.object({ text: z.string().trim().min(1).max(2000), required: z.boolean().default(true) }).nullable().default(null),
  })
  .refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, { message: 'Field keys must be unique', path: ['fields'] })
  .refine((f) => f.fields.some((x) => ['name', 'email', 'phone'].includes(x.key)), { message: 'A lead form needs a name, email or phone field', path: ['fields'] })
  .refine((f) => f.fields.every((x) => x.type !== 'select' || (x.options?.length ?? 0) > 0), { message: 'A select field needs options', path: ['fields'] });

export const widgetAttachmentPolicy = z.object({
  enabled: z.boolean().default(true),
  images: z.boolean().default(true),
  files: z.boolean().default(true),
  /** Per file; capped by WIDGET_MAX_ATTACHMENT_BYTES. */
  maxBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
});

export const widgetConfig = z.object({
  look: widgetLook.default(widgetLook.parse({})),
  /** auto: the visitor's browser language (when one of WIDGET_LANGUAGES), else English. */
  language: z.enum(['auto', ...WIDGET_LANGUAGES]).default('auto'),
  leadForm: widgetLeadForm.default(widgetLeadForm.parse({})),
  csat: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  attachments: widgetAttachmentPolicy.default(widgetAttachmentPolicy.parse({})),
});

export type WidgetConfig = z.infer<typeof widgetConfig>;
export type WidgetLeadForm = z.infer<typeof widgetLeadForm>;

/** A settings edit: any subset of sections; a section given is replaced whole (after defaults). */
export const widgetSettingsPatch = z.object({
  allowedOrigins: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  look: widgetLook.optional(),
  language: widgetConfig.shape.language.optional(),
  leadForm: widgetLeadForm.optional(),
  csat: z.object({ enabled: z.boolean() }).optional(),
  attachments: widgetAttachmentPolicy.optional(),
}).strict();

export function readConfig(stored: unknown): WidgetConfig {
  const parsed = widgetConfig.safeParse(stored ?? {});
  // A row no longer valid under today's rules falls back section by section to defaults.
  return parsed.success ? parsed.data : widgetConfig.parse({});
}
