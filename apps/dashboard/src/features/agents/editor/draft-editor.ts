import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { fieldErrors } from '../../../lib/errors';
import { call, useClient } from '../../../lib/client';
import { useCan, useWorkspaceKey } from '../../../lib/workspace';
import { type Agent, type AgentConfig } from '../agents-api';

/**
 * The agent's draft as being edited. It lives on the agent page (not the form) so that
 * unsaved edits survive switching to the versions or playground tab.
 */
export interface DraftEditor {
  agent: Agent;
  form: AgentConfig;
  update: <K extends keyof AgentConfig>(key: K, value: AgentConfig[K]) => void;
  /** The form differs from the saved draft. */
  dirty: boolean;
  save: () => Promise<Agent>;
  saving: boolean;
  saveError: unknown;
  /** Field messages from the API's `details`, by path (`model.modelId`, `suggestedQuestions.2`). */
  errors: Record<string, string>;
  discard: () => void;
  /** Takes a draft the server made (a rollback), dropping unsaved edits. */
  adopt: (draft: AgentConfig) => void;
  canWrite: boolean;
}

export const DraftContext = createContext<DraftEditor | null>(null);

export function useDraft(): DraftEditor {
  const value = useContext(DraftContext);
  if (!value) throw new Error('useDraft() outside an agent page');
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields that changed are sent: an edit never overwrites a colleague's other fields. */
export function changedFields(saved: AgentConfig, form: AgentConfig): Partial<AgentConfig> {
  return Object.fromEntries(
    Object.entries(form).filter(([key, value]) => !same(saved[key as keyof AgentConfig], value)),
  ) as Partial<AgentConfig>;
}

export function useDraftEditor(agent: Agent): DraftEditor {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const canWrite = useCan()('agents.write');
  const [form, setForm] = useState<AgentConfig>(agent.draft);
  const saved = useRef(agent.draft);
  const dirty = !same(form, agent.draft);

  // The saved draft changed elsewhere (a rollback, a save): follow it unless edits are pending.
  useEffect(() => {
    if (!same(saved.current, agent.draft)) {
      setForm((current) => (same(current, saved.current) ? agent.draft : current));
      saved.current = agent.draft;
    }
  }, [agent.draft]);

  const mutation = useMutation({
    mutationFn: (patch: Partial<AgentConfig>) =>
      call(client.PATCH('/api/v1/agents/{id}', { params: { path: { id: agent.id } }, body: patch })).then(
        (r) => r.agent,
      ),
    onSuccess: (updated) => {
      saved.current = updated.draft;
      setForm(updated.draft);
      queryClient.setQueryData(key('agents', agent.id), updated);
      void queryClient.invalidateQueries({ queryKey: key('agents'), exact: true });
    },
  });

  const update = useCallback(
    <K extends keyof AgentConfig>(field: K, value: AgentConfig[K]) =>
      setForm((current) => ({ ...current, [field]: value })),
    [],
  );
  const { mutateAsync, reset } = mutation;
  const save = useCallback(() => mutateAsync(changedFields(agent.draft, form)), [mutateAsync, agent.draft, form]);
  const discard = useCallback(() => {
    setForm(agent.draft);
    reset();
  }, [agent.draft, reset]);
  const adopt = useCallback(
    (draft: AgentConfig) => {
      saved.current = draft;
      setForm(draft);
      reset();
    },
    [reset],
  );

  return useMemo(
    () => ({
      agent,
      form,
      update,
      dirty,
      save,
      saving: mutation.isPending,
      saveError: mutation.error,
      errors: fieldErrors(mutation.error),
      discard,
      adopt,
      canWrite,
    }),
    [agent, form, update, dirty, save, mutation.isPending, mutation.error, discard, adopt, canWrite],
  );
}
