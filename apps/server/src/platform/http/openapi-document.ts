import type { App } from './env';

export const API_VERSION = '0.1.0';

/**
 * The OpenAPI document of every route registered on `app` (modules' sub-apps included),
 * without `servers`: the live route adds the address it is reached at, and the contract
 * package keeps a copy with none (scripts/contract).
 */
export function openApiDocument(app: App) {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: API_VERSION,
      description:
        'REST API of a Switchboard installation. Every failure answers `{ "error": { "code", "message", "requestId", "details"? } }`.',
    },
  });
  // Webhooks are named by event type, not by path: the router's mounting gave them a leading "/".
  if (document.webhooks)
    document.webhooks = Object.fromEntries(
      Object.entries(document.webhooks).map(([name, item]) => [name.replace(/^\//, ''), item]),
    );
  return document;
}
