import { createContext, useCallback, useContext } from 'react';
import { api, type ApiInit } from './api';
import { can, type Permission } from './permissions';
import type { Role } from './session';

export interface WorkspaceDetail {
  workspace: { id: string; name: string; slug: string; status: string; plan: string; createdAt: string };
  role: Role | null;
  permissions: string[];
}

export const WorkspaceContext = createContext<WorkspaceDetail | null>(null);

/** The workspace the current page belongs to (rendered inside /w/:workspaceId). */
export function useWorkspace(): WorkspaceDetail {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace() outside a workspace page');
  return value;
}

export function useCan(): (permission: Permission) => boolean {
  const { permissions } = useWorkspace();
  return useCallback((permission: Permission) => can(permissions, permission), [permissions]);
}

/** `api()` bound to the current workspace: adds X-Workspace-Id. */
export function useWorkspaceApi() {
  const { workspace } = useWorkspace();
  const id = workspace.id;
  return useCallback(<T>(path: string, init: ApiInit = {}) => api<T>(path, { ...init, workspaceId: id }), [id]);
}

/** Query keys for workspace data start with the workspace id, so switching never shows stale rows. */
export function useWorkspaceKey() {
  const { workspace } = useWorkspace();
  return useCallback((...parts: unknown[]) => ['w', workspace.id, ...parts], [workspace.id]);
}
