export { teamModule } from './module';
export { inviteMember, listInvitations, resendInvitation, revokeInvitation, INVITATION_DAYS } from './invitations';
export { changeMemberRole, leaveWorkspace, listMembers, removeMember, transferOwnership, type Member } from './members';
export { acceptInvitation, declineInvitation, previewInvitation } from './respond-to-invitation';
