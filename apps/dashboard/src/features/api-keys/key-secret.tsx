import { Notice } from '../../components/alert';
import { CopyButton } from '../../components/copy-button';

/** The secret, once: copy it, and how to use it. */
export function KeySecret({ secret }: { secret: string }) {
  const example = `curl -H "Authorization: Bearer ${secret}" \\\n  ${window.location.origin}/api/v1/workspace`;
  return (
    <div className="space-y-4">
      <Notice tone="warning" title="You won’t see this key again">
        Store it somewhere safe, like a password manager or your server’s secrets. If you lose it, revoke it and create
        a new one.
      </Notice>
      <div>
        <label htmlFor="api-key-secret" className="block text-sm font-medium text-slate-800">
          API key
        </label>
        <div className="mt-1.5 flex flex-col gap-2 sm:flex-row sm:items-center">
          <input
            id="api-key-secret"
            readOnly
            value={secret}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
          />
          <CopyButton value={secret} label="Copy key" />
        </div>
      </div>
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
