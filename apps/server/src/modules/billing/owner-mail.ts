import { appUrl } from '../../platform/app-url';
import { renderMail, sendMail } from '../../platform/mail';
import { systemContext, withTenant } from '../../platform/tenancy';
import { findUsersByIds } from '../accounts';
import { describeTenant } from '../tenants';

/** A mail to each owner of a workspace, with a button to its Billing page. */
export async function mailOwners(
  tenantId: string,
  subject: (workspace: string) => string,
  paragraphs: string[],
): Promise<number> {
  const owners = await withTenant(systemContext(tenantId, 'billing'), (tx) =>
    tx.query<{ user_id: string }>(`SELECT user_id FROM memberships WHERE role = 'owner'`),
  );
  const [people, workspace] = await Promise.all([
    findUsersByIds(owners.rows.map((r) => r.user_id)),
    describeTenant(tenantId),
  ]);
  const name = workspace?.name ?? 'your workspace';
  for (const person of people.values()) {
    await sendMail(
      renderMail({
        to: person.email,
        subject: subject(name),
        greeting: 'Hello,',
        paragraphs,
        action: { label: 'Open billing', url: `${appUrl()}/w/${tenantId}/billing` },
      }),
    );
  }
  return people.size;
}
