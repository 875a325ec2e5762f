import { z } from './z';

// Hand-off settings: business hours, the VIP rule, auto-assignment and capacity.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, like 09:00');

const interval = z
  .object({ from: hhmm, to: hhmm })
  .refine((i) => i.from < i.to, { message: 'An opening must end after it starts', path: ['to'] });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const day = z.array(interval).max(4);
const OFFICE = [{ from: '09:00', to: '17:00' }];

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const businessHoursSchema = z.object({
  /** Off: people are considered available at any time. */
  enabled: z.boolean().default(false),
  timezone: z.string().max(64).refine(isTimeZone, 'Not a time zone (use a name like Europe/Paris)').default('UTC'),
  weekly: z
    .object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })
    .default({ mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: [], sun: [] }),
  /** Closed all day on these local dates. */
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'))
    .max(200)
    .default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const vipSchema = z.object({
  /** Visitors whose email is at one of these domains are VIPs (`example.com` also covers `eu.example.com`). */
  emailDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'Use a domain like example.com'),
    )
    .max(100)
    .default([]),
  /** Or a conversation metadata field (`plan`, `vip`): truthy, or one of `metadataValues` when given. */
  metadataKey: z.string().trim().min(1).max(60).nullable().default(null),
  metadataValues: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  /** Send a VIP's conversation to a person at their first message. */
  handoff: z.boolean().default(true),
});
export type VipRule = z.infer<typeof vipSchema>;

export const waitingSchema = z.object({
  /** Nobody took the hand-off in this many seconds: the visitor is told so and asked for contact details. */
  waitSeconds: z.number().int().min(30).max(3600).default(120),
  /** The bot answers questions while the conversation waits for a person, until one joins. */
  botKeepsAnswering: z.boolean().default(true),
  /** Ask a visitor nobody can answer now for an email or phone (the business-hours contact form). */
  askContact: z.boolean().default(true),
});
export type WaitingRule = z.infer<typeof waitingSchema>;

export const handoffSettingsSchema = z.object({
  businessHours: businessHoursSchema.default(businessHoursSchema.parse({})),
  vip: vipSchema.default(vipSchema.parse({})),
  /** Assign new pending conversations round-robin to online members with room. */
  autoAssign: z.boolean().default(false),
  /** Open conversations a member holds at most (their own capacity overrides it). */
  defaultCapacity: z.number().int().min(1).max(100).default(5),
  /** Mail on-duty members who are not online about new pending conversations. */
  notifyByEmail: z.boolean().default(true),
  /** What a visitor waiting for a person gets when nobody is online or nobody takes it in time. */
  waiting: waitingSchema.default(waitingSchema.parse({})),
});
export type HandoffSettings = z.infer<typeof handoffSettingsSchema>;

export const HandoffSettingsSchema = handoffSettingsSchema.openapi('HandoffSettings');
export const HandoffSettingsResponse = z.object({ settings: HandoffSettingsSchema });
