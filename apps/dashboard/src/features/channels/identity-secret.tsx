import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { Section } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { useIdentity, type IdentityStatus } from './channels-api';

const EXAMPLE = `// On your server, for the signed-in user:
const hash = crypto.createHmac('sha256', IDENTITY_SECRET).update(user.id).digest('hex');
// In the page:
Switchboard.identify({ userId: user.id, name: user.name, email: user.email, hash });`;

/**
 * The workspace's identity-verification secret: shown once when made, then only its last
 * characters. With it, signed-in users of the site are recognised and find their history.
 */
export function IdentitySecret() {
  const identity = useIdentity();
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () =>
      workspaceApi<{ secret: string; identity: IdentityStatus }>('/api/v1/widget-identity/rotate', { method: 'POST' }),
    onSuccess: (result) => {
      setSecret(result.secret);
      queryClient.setQueryData(key('widget-identity'), result.identity);
    },
  });
  const status = identity.data;
  return (
    <Section
      title="Identity verification"
      description="For sites where visitors sign in: prove who they are, so they see their own conversations on any device and nobody else can."
    >
      <div className="space-y-4 text-sm">
        {status?.configured ? (
          <p className="text-slate-700">
            Secret <code className="rounded bg-slate-100 px-1">{status.hint}</code>
            {status.rotatedAt && <span className="text-slate-500"> · made {formatDateTime(status.rotatedAt)}</span>}
          </p>
        ) : (
          <p className="text-slate-700">
            No secret yet: visitors are anonymous (their conversation is kept in their browser).
          </p>
        )}
        {secret && (
          <Notice tone="warning" title="Copy the secret now: it won’t be shown again">
            <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
              <input
                readOnly
                aria-label="Identity secret"
                value={secret}
                onFocus={(e) => e.currentTarget.select()}
                className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
              />
              <CopyButton value={secret} label="Copy secret" />
            </div>
          </Notice>
        )}
        <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{EXAMPLE}</pre>
        <ErrorAlert error={rotate.error} />
        <Button variant="secondary" pending={rotate.isPending} onClick={() => rotate.mutate()}>
          {status?.configured ? 'Replace secret' : 'Create secret'}
        </Button>
        {status?.configured && (
          <p className="text-xs text-slate-500">Replacing it stops the old secret at once: update your server first.</p>
        )}
      </div>
    </Section>
  );
}
