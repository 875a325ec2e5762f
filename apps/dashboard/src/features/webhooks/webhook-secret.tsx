import { Notice } from '../../components/alert';
import { SecretField } from '../../components/secret-field';

/** The signing secret, this one time. */
export function WebhookSecret({ secret }: { secret: string }) {
  return (
    <div className="space-y-4">
      <Notice tone="warning" title="You won’t see this secret again">
        Store it with your receiver’s configuration. It verifies the <code>webhook-signature</code> header of every
        delivery (Standard Webhooks: any of its libraries works).
      </Notice>
      <SecretField id="webhook-secret" label="Signing secret" value={secret} copyLabel="Copy secret" />
    </div>
  );
}
