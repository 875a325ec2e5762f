import { and, desc, eq, sql } from 'drizzle-orm';
import { inviteInput } from '@switchboard/contract/team';
import type { z } from 'zod';
import { appUrl } from '../../platform/app-url';
import { ConflictError, isUniqueViolation, NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { sendMail } from '../../platform/mail';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { findUserByEmail, findUsersByIds } from '../accounts';
import { recordAudit } from '../audit';
import { describeTenant, memberships } from '../tenants';
import { newInvitationToken } from './invitation-token';
import { invitationMail } from './mails';
import { invitations, type Invitation } from './schema';
import { assertWithinLimit } from '../plans';

export const INVITATION_DAYS = 7;

export type InvitationView = Omit<Invitation, 'tokenHash' | 'tenantId'> & {
  expired: boolean;
  invitedByName?: string | null;
};

export function invitationView({ tokenHash: _h, tenantId: _t, ...rest }: Invitation): InvitationView {
  return { ...rest, expired: rest.status === 'pending' && rest.expiresAt.getTime() < Date.now() };
}

/** The workspace's name, read before the tenant transaction opens (it is a platform read). */
async function workspaceNameOf(ctx: ServiceContext): Promise<string> {
  return (await describeTenant(ctx.tenantId))?.name ?? 'a workspace';
}

async function mailInvitation(
  ctx: ServiceContext,
  workspace: string,
  invitation: Invitation,
  token: string,
): Promise<void> {
  await sendMail(
    invitationMail({
      to: invitation.email,
      workspace,
      inviter: ctx.actor.type === 'user' ? ctx.actor.email : 'An administrator',
      role: invitation.role,
      url: `${appUrl()}/invite/${token}`,
      expiresAt: invitation.expiresAt,
    }),
  );
}

const expiry = () => new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);

/** Invites someone by email; the mail is queued in the same transaction. */
export async function inviteMember(ctx: ServiceContext, input: z.input<typeof inviteInput>): Promise<InvitationView> {
  assertCan(ctx, 'members.invite');
  const data = inviteInput.parse(input);
  const existingUser = await findUserByEmail(data.email);
  const workspace = await workspaceNameOf(ctx);
  return withTenant(ctx, async (tx) => {
    if (existingUser) {
      const [member] = await tx.db.select().from(memberships).where(eq(memberships.userId, existingUser.id));
      if (member) throw new ConflictError(`${data.email} is already a member of this workspace.`, 'already_member');
    }
    const [pending] = await tx.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.email, data.email), eq(invitations.status, 'pending')));
    const alreadyInvited = () =>
      new ConflictError(`${data.email} already has a pending invitation: resend it instead.`, 'already_invited');
    if (pending) throw alreadyInvited();
    await assertWithinLimit(tx, ctx, 'members');
    const { token, hash } = newInvitationToken(ctx.tenantId);
    // A concurrent invitation of the same address may pass the check above; the unique
    // index on pending invitations decides, and the loser is told as the check would.
    const [row] = await tx.db
      .insert(invitations)
      .values({
        tenantId: ctx.tenantId,
        id: newId('inv'),
        email: data.email,
        role: data.role,
        tokenHash: hash,
        invitedBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
        expiresAt: expiry(),
      })
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? alreadyInvited() : error;
      });
    await recordAudit(tx, ctx, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: row!.id,
      after: { email: data.email, role: data.role },
    });
    await mailInvitation(ctx, workspace, row!, token);
    return invitationView(row!);
  });
}

export async function listInvitations(ctx: ServiceContext): Promise<InvitationView[]> {
  assertCan(ctx, 'members.read');
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select()
      .from(invitations)
      .where(sql`${invitations.status} = 'pending' OR ${invitations.updatedAt} > now() - interval '30 days'`)
      .orderBy(desc(invitations.createdAt)),
  );
  const people = await findUsersByIds(rows.flatMap((r) => (r.invitedBy ? [r.invitedBy] : [])));
  return rows.map((row) => {
    const inviter = row.invitedBy ? people.get(row.invitedBy) : undefined;
    return { ...invitationView(row), invitedByName: inviter ? inviter.name || inviter.email : null };
  });
}

async function pendingInvitation(tx: Tx, id: string): Promise<Invitation> {
  const [row] = await tx.db.select().from(invitations).where(eq(invitations.id, id)).for('update');
  if (!row) throw new NotFoundError('Invitation', 'not_found', { table: 'invitations', id });
  if (row.status !== 'pending')
    throw new ConflictError(`This invitation was already ${row.status}.`, 'invitation_closed');
  return row;
}

/** A fresh link and expiry; the previous link stops working. */
export async function resendInvitation(ctx: ServiceContext, id: string): Promise<InvitationView> {
  assertCan(ctx, 'members.invite');
  const workspace = await workspaceNameOf(ctx);
  return withTenant(ctx, async (tx) => {
    await pendingInvitation(tx, id);
    const { token, hash } = newInvitationToken(ctx.tenantId);
    const [row] = await tx.db
      .update(invitations)
      .set({ tokenHash: hash, expiresAt: expiry(), updatedAt: new Date() })
      .where(eq(invitations.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'invitation.resent',
      targetType: 'invitation',
      targetId: id,
      after: { email: row!.email },
    });
    await mailInvitation(ctx, workspace, row!, token);
    return invitationView(row!);
  });
}

export async function revokeInvitation(ctx: ServiceContext, id: string): Promise<InvitationView> {
  assertCan(ctx, 'members.invite');
  return withTenant(ctx, async (tx) => {
    const before = await pendingInvitation(tx, id);
    const [row] = await tx.db
      .update(invitations)
      .set({ status: 'revoked', respondedAt: new Date(), updatedAt: new Date() })
      .where(eq(invitations.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: id,
      before: { email: before.email, role: before.role },
    });
    return invitationView(row!);
  });
}
