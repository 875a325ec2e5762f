import { z } from 'zod';
import { defineJob } from '../jobs/define';
import { sendJob } from '../jobs';
import type { Mailer, MailMessage } from './mailer';

export { createMailer, type Mailer, type MailAttachment, type MailMessage } from './mailer';

let mailer: Mailer | null = null;

export function setMailer(value: Mailer | null): void {
  mailer = value;
}

const message = z.object({
  to: z.string().email(),
  subject: z.string().min(1),
  text: z.string().min(1),
  html: z.string().optional(),
  attachments: z
    .array(z.object({ filename: z.string().min(1), contentType: z.string().min(1), contentBase64: z.string() }))
    .optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

/** Delivery runs as a job: a mail server that is down delays a mail, it doesn't lose it. */
export const sendMailJob = defineJob({
  name: 'platform.send-mail',
  data: message,
  retryLimit: 8,
  retryDelaySeconds: 10,
  async handler(data) {
    if (!mailer) throw new Error('No mailer configured');
    await mailer.send(data);
  },
});

/** Queues a mail (inside the caller's transaction if there is one). */
export async function sendMail(mail: MailMessage): Promise<void> {
  await sendJob(sendMailJob, mail);
}
export { renderMail, type MailContent } from './template';
