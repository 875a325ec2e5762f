import { eq } from 'drizzle-orm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { findUsersByIds } from '../accounts';
import { recordAudit } from '../audit';
import { describeTenant, memberships } from '../tenants';
import { parseInvitationToken } from './invitation-token';
import { invitations, type Invitation } from './schema';
import { assertWithinLimit } from '../plans';

export interface InvitationPreview {
  workspace: { id: string; name: string };
  email: string;
  role: string;
  invitedBy: string | null;
  status: Invitation['status'];
  expired: boolean;
  expiresAt: Date;
}

class InvitationGoneError extends ConflictError {}

async function findByToken(tx: Tx, hash: string): Promise<Invitation> {
  const [row] = await tx.db.select().from(invitations).where(eq(invitations.tokenHash, hash)).for('update');
  if (!row) throw new NotFoundError('Invitation');
  return row;
}

function assertOpen(invitation: Invitation): void {
  if (invitation.status !== 'pending') {
    throw new InvitationGoneError(`This invitation was already ${invitation.status}.`, 'invitation_used');
  }
  if (invitation.expiresAt.getTime() < Date.now()) {
    throw new InvitationGoneError('This invitation has expired. Ask for a new one.', 'invitation_expired');
  }
}

function resolve(token: string) {
  const parsed = parseInvitationToken(token);
  if (!parsed) throw new NotFoundError('Invitation');
  return parsed;
}

/** What the invitation page shows; the token is the credential. */
export async function previewInvitation(token: string): Promise<InvitationPreview> {
  const { tenantId, hash } = resolve(token);
  const invitation = await withTenant({ tenantId }, (tx) => findByToken(tx, hash));
  const workspace = await describeTenant(tenantId);
  if (!workspace || workspace.status === 'deleting' || workspace.status === 'deleted')
    throw new NotFoundError('Invitation');
  const inviter = invitation.invitedBy
    ? (await findUsersByIds([invitation.invitedBy])).get(invitation.invitedBy)
    : undefined;
  return {
    workspace: { id: workspace.id, name: workspace.name },
    email: invitation.email,
    role: invitation.role,
    invitedBy: inviter?.name || inviter?.email || null,
    status: invitation.status,
    expired: invitation.expiresAt.getTime() < Date.now(),
    expiresAt: invitation.expiresAt,
  };
}

/**
 * The signed-in invitee joins. The invitation is for one address: another account can't use
 * it, and it works once.
 */
export async function acceptInvitation(
  token: string,
  user: { id: string; email: string },
  meta: { requestId: string; ip?: string },
): Promise<{ workspaceId: string; role: string }> {
  const { tenantId, hash } = resolve(token);
  const workspace = await describeTenant(tenantId);
  if (!workspace || workspace.status === 'deleting' || workspace.status === 'deleted')
    throw new NotFoundError('Invitation');
  return withTenant({ tenantId }, async (tx) => {
    const invitation = await findByToken(tx, hash);
    assertOpen(invitation);
    if (invitation.email !== user.email.toLowerCase()) {
      throw new ForbiddenError(
        `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
        'invitation_email_mismatch',
      );
    }
    const [existing] = await tx.db.select().from(memberships).where(eq(memberships.userId, user.id));
    // The pending invitation is already counted: accepting adds nothing, unless the plan was
    // lowered since and the members (with invitations) are over it.
    if (!existing)
      await assertWithinLimit(
        tx,
        { tenantId, actor: { type: 'system', reason: 'invitation' }, requestId: meta.requestId },
        'members',
        0,
      );
    if (!existing) await tx.db.insert(memberships).values({ tenantId, userId: user.id, role: invitation.role });
    await tx.db
      .update(invitations)
      .set({ status: 'accepted', respondedAt: new Date(), updatedAt: new Date() })
      .where(eq(invitations.id, invitation.id));
    const role = existing?.role ?? invitation.role;
    const ctx: ServiceContext = {
      tenantId,
      actor: { type: 'user', userId: user.id, email: user.email, role },
      ...meta,
    };
    await recordAudit(tx, ctx, {
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
      after: { userId: user.id, role },
    });
    return { workspaceId: tenantId, role };
  });
}

export async function declineInvitation(token: string, meta: { requestId: string; ip?: string }): Promise<void> {
  const { tenantId, hash } = resolve(token);
  await withTenant({ tenantId }, async (tx) => {
    const invitation = await findByToken(tx, hash);
    assertOpen(invitation);
    await tx.db
      .update(invitations)
      .set({ status: 'declined', respondedAt: new Date(), updatedAt: new Date() })
      .where(eq(invitations.id, invitation.id));
    const ctx: ServiceContext = { tenantId, actor: { type: 'system', reason: `invitee ${invitation.email}` }, ...meta };
    await recordAudit(tx, ctx, {
      action: 'invitation.declined',
      targetType: 'invitation',
      targetId: invitation.id,
      before: { email: invitation.email },
    });
  });
}
