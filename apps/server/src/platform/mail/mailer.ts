import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../log';
import { newId } from '../ids';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Files sent with the mail, base64 so the message survives the job queue's JSON. */
  attachments?: MailAttachment[];
  /** Extra headers, such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

function toNodemailer(message: MailMessage) {
  const { attachments, ...rest } = message;
  return {
    ...rest,
    attachments: attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.contentBase64,
      encoding: 'base64',
    })),
  };
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<void>;
}

const LINK = /https?:\/\/[^\s<>"')]+/g;

/**
 * SMTP when SMTP_URL is set. Otherwise each mail is written to DATA_DIR/mail as an .eml file
 * and its links are logged, so a fresh installation can verify addresses and reset passwords
 * without a mail server.
 */
export function createMailer(options: {
  smtpUrl?: string | undefined;
  dataDir: string;
  from: string;
  log: Logger;
}): Mailer {
  const { log, from } = options;
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail({ from, ...toNodemailer(message) });
        log.info({ to: message.to, subject: message.subject }, 'mail sent');
      },
    };
  }
  const dir = path.join(options.dataDir, 'mail');
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(message) {
      const info = await writer.sendMail({ from, ...toNodemailer(message) });
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId('fil').slice(-8)}.eml`);
      fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      const links = [...new Set(message.text.match(LINK) ?? [])];
      log.info(
        { to: message.to, subject: message.subject, file, links },
        'mail written to DATA_DIR/mail (no SMTP_URL)',
      );
    },
  };
}
