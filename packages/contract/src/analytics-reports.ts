import { z } from './z';

// Scheduled analytics reports: a PDF mailed per day, week or month to a list of recipients.

export const REPORT_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export const REPORT_LANGUAGES = ['en', 'fr', 'de', 'es'] as const;
/** The figures a report can show; the PDF lists them in this order. */
export const REPORT_METRICS = [
  'conversations',
  'messages',
  'botResolved',
  'handedOff',
  'unanswered',
  'firstResponse',
  'resolution',
  'csat',
  'feedback',
  'leads',
  'tokens',
  'cost',
] as const;
export const MAX_REPORT_RECIPIENTS = 20;

const recipients = z
  .array(z.string().trim().toLowerCase().email('Not an e-mail address').max(254))
  .min(1, 'Add at least one recipient')
  .max(MAX_REPORT_RECIPIENTS, `At most ${MAX_REPORT_RECIPIENTS} recipients`)
  .refine((list) => new Set(list).size === list.length, 'A recipient is listed twice')
  .openapi({ example: ['lead@example.com'] });
const metrics = z
  .array(z.enum(REPORT_METRICS))
  .min(1, 'Choose at least one metric')
  .refine((list) => new Set(list).size === list.length, 'A metric is listed twice');

export const createReportInput = z
  .object({
    name: z.string().trim().min(1, 'Name the report').max(100),
    frequency: z.enum(REPORT_FREQUENCIES),
    metrics,
    recipients,
    language: z.enum(REPORT_LANGUAGES).default('en').openapi({ description: 'Language of the mail and the PDF' }),
    agentId: z.string().max(64).nullable().optional().openapi({ description: 'Only this agent’s conversations' }),
    enabled: z.boolean().default(true).openapi({ description: 'Off: sent only with "send now"' }),
  })
  .openapi('CreateAnalyticsReport');

export const updateReportInput = z
  .object({
    name: z.string().trim().min(1, 'Name the report').max(100).optional(),
    frequency: z.enum(REPORT_FREQUENCIES).optional(),
    metrics: metrics.optional(),
    recipients: recipients
      .optional()
      .openapi({ description: 'Replacing the list clears unsubscribes of those kept out' }),
    language: z.enum(REPORT_LANGUAGES).optional(),
    agentId: z.string().max(64).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .openapi('UpdateAnalyticsReport');

export const AnalyticsReportSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    frequency: z.enum(REPORT_FREQUENCIES),
    metrics: z.array(z.enum(REPORT_METRICS)),
    recipients: z.array(z.string()),
    unsubscribed: z.array(z.string()).openapi({ description: 'Recipients who unsubscribed from the mail’s link' }),
    language: z.enum(REPORT_LANGUAGES),
    agentId: z.string().nullable(),
    enabled: z.boolean(),
    lastSentAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AnalyticsReport');

export const ReportSendSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    range: z.object({ from: z.string(), to: z.string() }),
    status: z.enum(['queued', 'sent', 'failed']),
    recipients: z.array(z.string()).openapi({ description: 'Who it was mailed to' }),
    error: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('AnalyticsReportSend');

export type AnalyticsReport = z.infer<typeof AnalyticsReportSchema>;
export type ReportSend = z.infer<typeof ReportSendSchema>;
export type ReportMetric = (typeof REPORT_METRICS)[number];

export const ReportResponse = z.object({ report: AnalyticsReportSchema });
export const ReportListResponse = z.object({ reports: z.array(AnalyticsReportSchema) });
export const ReportSendResponse = z.object({ send: ReportSendSchema });
export const ReportSendListResponse = z.object({ sends: z.array(ReportSendSchema) });
