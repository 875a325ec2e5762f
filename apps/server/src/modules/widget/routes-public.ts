import {
  sessionInput,
  WidgetConfigResponse,
  WidgetSessionSchema,
  type PublicWidgetConfig,
} from '@switchboard/contract/widget';
import type { Config } from '../../platform/config';
import { route } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { json } from '../../platform/http/openapi';
import type { ResolvedWidget } from './resolve-widget';
import { body, keyParam, publicAccess, tags, WIDGET_API, WidgetErrors } from './route-helpers';
import { startSession } from './session';
import {
  assertOrigin,
  CORS_ALLOW_HEADERS,
  CORS_EXPOSE_HEADERS,
  widgetCall,
  widgetGate,
  type GateDeps,
} from './widget-gate';
import { getWorkspacePlan, planHas } from '../plans';
import { resolveWidget } from './resolve-widget';
import { createRouter } from '../../platform/http/router';

/** What the widget needs to draw itself: public by nature (it is on the page anyway). */
export function publicConfig(widget: ResolvedWidget, config: Config, mayRemoveBranding = false): PublicWidgetConfig {
  const { look, leadForm, csat, attachments, language } = widget.config;
  return {
    branding: look.showBranding || !mayRemoveBranding,
    publicKey: widget.publicKey,
    available: widget.agent.available,
    title: look.title ?? widget.agent.name,
    avatarUrl: look.avatarUrl ?? widget.agent.avatarUrl,
    welcomeText: look.welcomeText ?? widget.agent.greeting,
    suggestedQuestions: widget.agent.suggestedQuestions,
    // Per widget language: the agent's translation, else the widget's own welcome text, else the
    // agent's greeting (the built-in one said in that language).
    texts: Object.fromEntries(
      Object.entries(widget.agent.faces).map(([lang, face]) => [
        lang,
        {
          welcomeText: widget.agent.translatedGreetings.includes(lang)
            ? face.greeting
            : (look.welcomeText ?? face.greeting),
          suggestedQuestions: face.suggestedQuestions,
        },
      ]),
    ),
    look: {
      primaryColor: look.primaryColor,
      position: look.position,
      launcherIcon: look.launcherIcon,
      theme: look.theme,
    },
    language,
    leadForm: leadForm.enabled
      ? { when: leadForm.when, title: leadForm.title, fields: leadForm.fields, consent: leadForm.consent }
      : null,
    csat: csat.enabled,
    attachments: attachments.enabled
      ? {
          images: attachments.images,
          files: attachments.files,
          maxBytes: Math.min(attachments.maxBytes, config.WIDGET_MAX_ATTACHMENT_BYTES),
        }
      : null,
  };
}

export function publicWidgetRoutes(config: Config, gate: GateDeps): App {
  const app = createRouter();
  // CORS: responses name the calling origin (so the widget can read even a refusal and say
  // why in the console); preflights, which guard every call that isn't a plain GET, are
  // answered only for allowed origins.
  app.use(`${WIDGET_API}/*`, async (c, next) => {
    const origin = c.req.header('origin');
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
      // The site's own performance monitoring may see the widget's network timing.
      c.header('Timing-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    await next();
  });
  app.options(`${WIDGET_API}/:key/*`, async (c) => {
    const widget = await resolveWidget(c.req.param('key'));
    assertOrigin(c, widget, config.appUrl);
    c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    c.header('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
    c.header('Access-Control-Max-Age', '600');
    return c.body(null, 204);
  });

  app.openapi(
    route(
      {
        method: 'get',
        path: `${WIDGET_API}/{key}/config`,
        tags,
        summary: 'The widget’s look, texts, language, lead form and limits (what the loader draws)',
        request: { params: keyParam },
        middleware: [widgetGate(gate, { token: false })],
        responses: { 200: json(WidgetConfigResponse, 'The widget'), ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      c.header('Cache-Control', 'no-cache');
      const { widget } = widgetCall(c);
      const mayRemoveBranding = planHas(await getWorkspacePlan(widget.tenantId), 'removeBranding');
      return c.json({ widget: publicConfig(widget, config, mayRemoveBranding) }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: `${WIDGET_API}/{key}/session`,
        tags,
        summary: 'Start or resume a visitor session: the visitor, their conversation and a short-lived visitor token',
        description: `Send back the \`visitor.id\` and \`visitor.key\` you were given to resume; \`conversationId\` to continue that conversation (only if it is this visitor's); \`create: true\` to make one when there is none; \`fresh: true\` for a new conversation (new conversations are limited per visitor and per address each hour: 429 \`too_many_conversations\`). \`identity\` {userId, name, email, hash} with hash = hex HMAC-SHA256(workspace identity secret, userId) makes the visitor that user (401 \`identity_invalid\` when it does not match). The token (valid 30 minutes) goes in \`Authorization: Bearer\` on every conversation call.`,
        request: { params: keyParam, ...body(sessionInput) },
        middleware: [widgetGate(gate, { token: false })],
        responses: { 200: json(WidgetSessionSchema, 'The session'), ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { widget } = widgetCall(c);
      const ip = c.get('ip');
      const admit = (visitorId: string) => gate.admitConversation({ tenantId: widget.tenantId, visitorId, ip });
      return c.json(await startSession(widget, c.req.valid('json'), { requestId: c.get('requestId'), ip, admit }), 200);
    },
  );
  return app;
}
