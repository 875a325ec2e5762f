import { renderMail, type MailMessage } from '../../platform/mail';

export function invitationMail(input: {
  to: string;
  workspace: string;
  inviter: string;
  role: string;
  url: string;
  expiresAt: Date;
}): MailMessage {
  return renderMail({
    to: input.to,
    subject: `${input.inviter} invited you to ${input.workspace} on Switchboard`,
    greeting: 'Hello,',
    paragraphs: [
      `${input.inviter} invited you to join the workspace "${input.workspace}" as ${input.role}.`,
      `The invitation is valid until ${input.expiresAt.toUTCString()}.`,
    ],
    action: { label: 'Open the invitation', url: input.url },
    footer: 'If you were not expecting this, ignore it or decline from the invitation page.',
  });
}
