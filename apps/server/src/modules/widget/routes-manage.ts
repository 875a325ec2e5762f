import type { z } from '@hono/zod-openapi';
import {
  agentParam,
  ensureWidgetBody,
  WidgetIdentityResponse,
  WidgetIdentityRotatedResponse,
  WidgetSettingsListResponse,
  WidgetSettingsResponse,
  widgetSettingsPatch,
} from '@switchboard/contract/widget';
import type { Config } from '../../platform/config';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { identitySecretStatus, rotateIdentitySecret } from './identity';
import { ensureWidget, getWidget, listWidgets, rotateWidgetKey, updateWidget, type WidgetView } from './manage-widgets';
import { createRouter } from '../../platform/http/router';

const tags = ['Widget settings'];
const manage = { auth: 'workspace', permission: 'channels.manage', sessionOnly: true } as const;
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const one = json(WidgetSettingsResponse, 'The widget');

/**
 * What a site pastes. The preload starts the config request while widget.js is still on its
 * way, so a first visit pays one round trip before the launcher instead of two; both carry
 * `crossorigin` so they (and the config fetch) share one uncredentialed connection.
 */
export function widgetSnippet(appUrl: string, publicKey: string): string {
  return (
    `<link rel="preload" href="${appUrl}/api/widget/v1/${publicKey}/config" as="fetch" crossorigin="anonymous">\n` +
    `<script src="${appUrl}/widget.js" data-agent="${publicKey}" crossorigin="anonymous" async></script>`
  );
}

/** The snippet to paste and the hosted page's address, written with this installation's URL. */
export function withLinks(widget: WidgetView, appUrl: string) {
  return {
    ...widget,
    snippet: widgetSnippet(appUrl, widget.publicKey),
    hostedUrl: `${appUrl}/chat/${widget.publicKey}`,
  };
}

export function manageRoutes(config: Config): App {
  const app = createRouter();
  const links = (widget: WidgetView) => withLinks(widget, config.appUrl);
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/widgets',
        tags,
        summary: 'The website widgets of the workspace’s agents',
        responses: { 200: json(WidgetSettingsListResponse, 'Widgets'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ widgets: (await listWidgets(serviceContext(c))).map(links) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/widgets',
        tags,
        summary:
          'Set up an agent’s website widget (defaults and a fresh publishable key); answers the existing one if it has one',
        request: body(ensureWidgetBody),
        responses: { 201: one, 200: one, ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      const { widget, created } = await ensureWidget(serviceContext(c), c.req.valid('json'));
      return c.json({ widget: links(widget) }, created ? 201 : 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/widgets/{agentId}',
        tags,
        summary: 'An agent’s website widget',
        request: { params: agentParam },
        responses: { 200: one, ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ widget: links(await getWidget(serviceContext(c), c.req.valid('param').agentId)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/widgets/{agentId}',
        tags,
        summary:
          'Change allowed origins, look, language, lead form, CSAT or attachment limits (each section given is replaced whole)',
        request: { params: agentParam, ...body(widgetSettingsPatch) },
        responses: { 200: one, ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json(
        { widget: links(await updateWidget(serviceContext(c), c.req.valid('param').agentId, c.req.valid('json'))) },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/widgets/{agentId}/rotate-key',
        tags,
        summary: 'Replace the publishable key (pages with the old snippet stop showing the chat)',
        request: { params: agentParam },
        responses: { 200: one, ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ widget: links(await rotateWidgetKey(serviceContext(c), c.req.valid('param').agentId)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/widget-identity',
        tags,
        summary: 'Whether the identity-verification secret is set (never the secret)',
        responses: { 200: json(WidgetIdentityResponse, 'Status'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ identity: await identitySecretStatus(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/widget-identity/rotate',
        tags,
        summary: 'Make a new identity-verification secret (shown this once); the previous one stops verifying',
        responses: { 200: json(WidgetIdentityRotatedResponse, 'The new secret'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      const { secret, status } = await rotateIdentitySecret(serviceContext(c));
      return c.json({ secret, identity: status }, 200);
    },
  );
  return app;
}
