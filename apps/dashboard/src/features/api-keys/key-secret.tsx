import { Notice } from '../../components/alert';
import { SecretField } from '../../components/secret-field';

/** The secret, once: copy it, and how to use it. */
export function KeySecret({ secret }: { secret: string }) {
  const example = `curl -H "Authorization: Bearer ${secret}" \\\n  ${window.location.origin}/api/v1/workspace`;
  return (
    <div className="space-y-4">
      <Notice tone="warning" title="You won’t see this key again">
        Store it somewhere safe, like a password manager or your server’s secrets. If you lose it, revoke it and create
        a new one.
      </Notice>
      <SecretField id="api-key-secret" label="API key" value={secret} copyLabel="Copy key" />
      <div>
        <p className="text-sm font-medium text-slate-800">Use it</p>
        <p className="mt-1 text-sm text-slate-600">
          Send it in the <code className="rounded bg-slate-100 px-1">Authorization</code> header as{' '}
          <code className="rounded bg-slate-100 px-1">Bearer &lt;key&gt;</code>:
        </p>
        <pre className="mt-2 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{example}</pre>
      </div>
    </div>
  );
}
