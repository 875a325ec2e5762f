import { Notice } from '../../components/alert';
import { CopyButton } from '../../components/copy-button';

/** The signing secret, this one time. */
export function WebhookSecret({ secret }: { secret: string }) {
  return (
    <div className="space-y-4">
      <Notice tone="warning" title="You won’t see this secret again">
        Store it with your receiver’s configuration. It verifies the <code>webhook-signature</code> header of every
        delivery (Standard Webhooks: any of its libraries works).
      </Notice>
      <div>
        <label htmlFor="webhook-secret" className="block text-sm font-medium text-slate-800">
          Signing secret
        </label>
        <div className="mt-1.5 flex flex-col gap-2 sm:flex-row sm:items-center">
          <input
            id="webhook-secret"
            readOnly
            value={secret}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
          />
          <CopyButton value={secret} label="Copy secret" />
        </div>
      </div>
    </div>
  );
}
