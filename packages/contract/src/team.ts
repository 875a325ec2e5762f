import { ROLES } from './permissions';
import { z } from './z';

// The team: members, roles and invitations.

/** Roles that can be given by invitation (ownership is transferred, not invited). */
export const INVITE_ROLES = ['admin', 'manager', 'agent', 'viewer'] as const;
export const inviteInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address'),
  role: z.enum(INVITE_ROLES),
});
export const roleInput = z.enum(ROLES);

export const MemberSchema = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: z.string(), joinedAt: z.date() })
  .openapi('Member');
export const InvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    status: z.string(),
    invitedBy: z.string().nullable(),
    invitedByName: z.string().nullable().optional(),
    expiresAt: z.date(),
    expired: z.boolean(),
    respondedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Invitation');
export const InvitationPreviewSchema = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string() }),
    email: z.string(),
    role: z.string(),
    invitedBy: z.string().nullable(),
    status: z.string(),
    expired: z.boolean(),
    expiresAt: z.date(),
  })
  .openapi('InvitationPreview');
const pathString = (name: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: 'path' } });
export const userIdParam = z.object({ userId: pathString('userId') });
export const invitationIdParam = z.object({ id: pathString('id') });
export const tokenParam = z.object({ token: pathString('token') });

export const changeRoleBody = z.object({ role: roleInput });
export const transferOwnershipBody = z.object({ userId: z.string().min(1) });
export const MemberListResponse = z.object({ members: z.array(MemberSchema) });
export const InvitationListResponse = z.object({ invitations: z.array(InvitationSchema) });
export const InvitationResponse = z.object({ invitation: InvitationSchema });
