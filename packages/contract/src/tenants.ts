import { PERMISSION_NAMES } from './permissions';
import { z } from './z';

// Workspaces (tenants): create, read, rename, delete.

export const workspaceName = z
  .string()
  .trim()
  .min(1, 'Give the workspace a name')
  .max(120, 'Keep the name under 120 characters');

export const WorkspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    status: z.string(),
    plan: z.string(),
    createdAt: z.date(),
  })
  .openapi('Workspace');

export const workspaceNameBody = z.object({ name: workspaceName });
export const deleteWorkspaceBody = z.object({ confirm: z.string() });

export const WorkspaceResponse = z.object({ workspace: WorkspaceSchema });
/** The workspace with the caller's role (null for API keys) and what they may do (the names of PERMISSION_NAMES). */
export const WorkspaceDetailResponse = z.object({
  workspace: WorkspaceSchema,
  role: z.string().nullable(),
  permissions: z.array(z.string()),
});
export const WorkspaceDeletionResponse = z.object({ status: z.literal('deleting') });

export { PERMISSION_NAMES };
