import { renderMail, type MailMessage } from '../../../platform/mail';

const hello = (name: string) => `Hello ${name || 'there'},`;

export function verifyEmailMail(to: string, name: string, url: string): MailMessage {
  return renderMail({
    to,
    subject: 'Confirm your email address for Switchboard',
    greeting: hello(name),
    paragraphs: ['Confirm your email address to finish signing up. The link works for 24 hours.'],
    action: { label: 'Confirm my email', url },
    footer: 'If you did not sign up, ignore this mail: no account is activated without it.',
  });
}

export function resetPasswordMail(to: string, name: string, url: string): MailMessage {
  return renderMail({
    to,
    subject: 'Reset your Switchboard password',
    greeting: hello(name),
    paragraphs: ['Someone asked to reset the password of this account. The link works once, for one hour.'],
    action: { label: 'Choose a new password', url },
    footer: 'If it was not you, ignore this mail: your password stays as it is.',
  });
}
