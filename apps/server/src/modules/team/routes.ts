import { z } from '@hono/zod-openapi';
import { OkResponse } from '@switchboard/contract/common';
import {
  changeRoleBody,
  InvitationListResponse,
  InvitationPreviewSchema,
  InvitationResponse,
  invitationIdParam,
  inviteInput,
  MemberListResponse,
  tokenParam,
  transferOwnershipBody,
  userIdParam,
} from '@switchboard/contract/team';
import { route, requestMeta, serviceContext, sessionUser } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { inviteMember, listInvitations, resendInvitation, revokeInvitation } from './invitations';
import { changeMemberRole, leaveWorkspace, listMembers, removeMember, transferOwnership } from './members';
import { acceptInvitation, declineInvitation, previewInvitation } from './respond-to-invitation';
import { createRouter } from '../../platform/http/router';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

export function teamRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/members',
        tags: ['Team'],
        summary: 'List members',
        responses: { 200: json(MemberListResponse, 'Members'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'members.read' },
    ),
    async (c) => c.json({ members: await listMembers(serviceContext(c)) }, 200),
  );

  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/members/{userId}',
        tags: ['Team'],
        summary: 'Change a member’s role (owner changes need an owner; the last owner stays owner)',
        request: { params: userIdParam, ...body(changeRoleBody) },
        responses: {
          200: json(z.object({ role: z.string() }), 'Changed'),
          409: json(z.unknown(), 'Last owner'),
          ...ErrorResponses,
        },
      },
      { auth: 'workspace', permission: 'members.manage', sessionOnly: true },
    ),
    async (c) => {
      const updated = await changeMemberRole(serviceContext(c), c.req.valid('param').userId, c.req.valid('json').role);
      return c.json({ role: updated.role }, 200);
    },
  );

  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/members/{userId}',
        tags: ['Team'],
        summary: 'Remove a member',
        request: { params: userIdParam },
        responses: { 200: json(OkResponse, 'Removed'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'members.manage', sessionOnly: true },
    ),
    async (c) => {
      await removeMember(serviceContext(c), c.req.valid('param').userId);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/members/transfer-ownership',
        tags: ['Team'],
        summary: 'Make another member owner; you become admin',
        request: body(transferOwnershipBody),
        responses: { 200: json(OkResponse, 'Transferred'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'ownership.transfer', sessionOnly: true },
    ),
    async (c) => {
      await transferOwnership(serviceContext(c), c.req.valid('json').userId);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/workspace/leave',
        tags: ['Team'],
        summary: 'Leave the workspace',
        responses: { 200: json(OkResponse, 'Left'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'workspace.read', sessionOnly: true },
    ),
    async (c) => {
      await leaveWorkspace(serviceContext(c));
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/invitations',
        tags: ['Team'],
        summary: 'Pending and recent invitations',
        responses: { 200: json(InvitationListResponse, 'Invitations'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'members.read' },
    ),
    async (c) => c.json({ invitations: await listInvitations(serviceContext(c)) }, 200),
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/invitations',
        tags: ['Team'],
        summary: 'Invite someone by email (valid 7 days)',
        request: body(inviteInput),
        responses: { 201: json(InvitationResponse, 'Invited'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'members.invite', sessionOnly: true },
    ),
    async (c) => c.json({ invitation: await inviteMember(serviceContext(c), c.req.valid('json')) }, 201),
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/invitations/{id}/resend',
        tags: ['Team'],
        summary: 'Send a fresh link (the old one stops working)',
        request: { params: invitationIdParam },
        responses: { 200: json(InvitationResponse, 'Resent'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'members.invite', sessionOnly: true },
    ),
    async (c) => c.json({ invitation: await resendInvitation(serviceContext(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/invitations/{id}',
        tags: ['Team'],
        summary: 'Revoke an invitation',
        request: { params: invitationIdParam },
        responses: { 200: json(InvitationResponse, 'Revoked'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'members.invite', sessionOnly: true },
    ),
    async (c) => c.json({ invitation: await revokeInvitation(serviceContext(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/invitation-tokens/{token}',
        tags: ['Team'],
        summary: 'What an invitation link offers',
        request: { params: tokenParam },
        responses: { 200: json(InvitationPreviewSchema, 'The invitation'), ...ErrorResponses },
      },
      { auth: 'public' },
    ),
    async (c) => c.json(await previewInvitation(c.req.valid('param').token), 200),
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/invitation-tokens/{token}/accept',
        tags: ['Team'],
        summary: 'Accept an invitation as the signed-in invitee',
        request: { params: tokenParam },
        responses: {
          200: json(z.object({ workspaceId: z.string(), role: z.string() }), 'Joined'),
          409: json(z.unknown(), 'Used or expired'),
          ...ErrorResponses,
        },
      },
      { auth: 'session' },
    ),
    async (c) => {
      const user = sessionUser(c);
      return c.json(await acceptInvitation(c.req.valid('param').token, user, requestMeta(c)), 200);
    },
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/invitation-tokens/{token}/decline',
        tags: ['Team'],
        summary: 'Decline an invitation',
        request: { params: tokenParam },
        responses: { 200: json(OkResponse, 'Declined'), ...ErrorResponses },
      },
      { auth: 'public' },
    ),
    async (c) => {
      await declineInvitation(c.req.valid('param').token, requestMeta(c));
      return c.json({ ok: true as const }, 200);
    },
  );
  return app;
}
