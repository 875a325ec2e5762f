export { webhooksModule } from './module';
export { configureWebhooks, setWebhookClock } from './settings';
export { kickEndpoint, stopWebhookRunners, webhooksSettled } from './dispatcher';
export { sweepTenant } from './jobs';
export {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from './manage-webhooks';
export { listDeliveries, replayDeliveries, resendDelivery, sendTestEvent } from './deliveries';
export { webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow, type WebhookEndpointRow } from './schema';
