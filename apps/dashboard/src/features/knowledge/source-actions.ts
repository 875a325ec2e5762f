import { useMutation } from '@tanstack/react-query';
import { useToast } from '../../components/toast';
import { errorMessage } from '../../lib/errors';
import { call, useClient } from '../../lib/client';
import { useRefreshKnowledge, type Source } from './knowledge-api';

function useSourceAction(verb: 'retry' | 'sync', done: (source: Source) => string) {
  const client = useClient();
  const refresh = useRefreshKnowledge();
  const notify = useToast();
  return useMutation({
    mutationFn: (source: Source) =>
      call(client.POST(`/api/v1/knowledge/sources/{id}/${verb}`, { params: { path: { id: source.id } } })),
    onSuccess: ({ source }) => {
      notify(done(source));
      void refresh();
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
}

/** Retry (a failed source) and sync now (a page or website), with a toast either way. */
export function useSourceActions() {
  return {
    retry: useSourceAction('retry', (s) => `Retrying “${s.title}”.`),
    sync: useSourceAction('sync', (s) => `Syncing “${s.title}”.`),
  };
}

export const canSync = (source: Source) => source.kind === 'url' || source.kind === 'website';
