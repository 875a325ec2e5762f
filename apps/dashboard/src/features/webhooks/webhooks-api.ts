import { useQuery } from '@tanstack/react-query';
import type { Schema } from '@switchboard/contract/client';
import { WEBHOOK_EVENT_TYPES } from '@switchboard/contract/webhooks';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

// The server's shapes, from the API contract: a change there breaks this typecheck, not the page.
export type Webhook = Schema<'WebhookEndpoint'>;
export type WebhookDelivery = Schema<'WebhookDelivery'>;
export { WEBHOOK_EVENT_TYPES };

export const webhookPath = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

export function useWebhooks() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('webhooks'),
    queryFn: () => workspaceApi<{ webhooks: Webhook[] }>('/api/v1/webhooks').then((r) => r.webhooks),
  });
}

export function useDeliveries(id: string) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('webhooks', id, 'deliveries'),
    queryFn: () =>
      workspaceApi<{ deliveries: WebhookDelivery[] }>(`${webhookPath(id)}/deliveries`).then((r) => r.deliveries),
    // The log moves while retries run: keep it fresh while it is open.
    refetchInterval: 5000,
  });
}

export const DISABLED_TEXT: Record<string, string> = {
  gone: 'Turned off: the receiver answered 410 Gone.',
  failing: 'Turned off: every delivery failed for five days.',
};
