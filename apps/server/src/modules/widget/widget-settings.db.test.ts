import { beforeAll, describe, expect, it } from 'vitest';
import { setTenantStatus } from '../tenants';
import { useTestRuntime } from '../../../test/support/runtime';
import { SITE, VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * Setting a widget up (key, origins, look, rotation), what its page gets at bootstrap from an
 * allowed origin and what other origins get, the hosted page, a suspended workspace.
 */
const rt = useTestRuntime({ WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000' });
let ws: TestWorkspace;
let agentId: string;
let publicKey: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'widget');
  agentId = (
    await ws.api.post('/api/v1/agents', {
      name: 'Shop helper',
      greeting: 'Hello from the shop!',
      suggestedQuestions: ['When are you open?'],
    })
  ).body.agent.id;
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What are your opening hours?',
    answer: 'We are open 9:00–17:00, Monday to Friday.',
  });
  ({ publicKey } = await widgetFor(ws, agentId));
});

const visitor = () => new VisitorClient(rt.current, publicKey);

describe('widget settings', () => {
  it('sets up a widget once, with a publishable key, the snippet and the hosted page', async () => {
    const again = await ws.owner.post('/api/v1/widgets', { agentId });
    expect(again.status).toBe(200);
    expect(again.body.widget.publicKey).toBe(publicKey);
    expect(publicKey).toMatch(/^pk_[A-Za-z0-9]{32}$/);
    const appUrl = rt.current.runtime.config.appUrl;
    expect(again.body.widget.snippet).toBe(
      `<link rel="preload" href="${appUrl}/api/widget/v1/${publicKey}/config" as="fetch" crossorigin="anonymous">\n` +
        `<script src="${appUrl}/widget.js" data-agent="${publicKey}" crossorigin="anonymous" async></script>`,
    );
    expect(again.body.widget.hostedUrl).toBe(`${appUrl}/chat/${publicKey}`);
    expect(again.body.widget.config.look).toMatchObject({ primaryColor: '#4f46e5', position: 'bottom-right' });
    const list = await ws.owner.json('/api/v1/widgets');
    expect(list.body.widgets.map((w: any) => w.agentId)).toEqual([agentId]);
  });

  it('normalizes origins, refuses bad settings, and keeps sections it was not given', async () => {
    const other = (await ws.api.post('/api/v1/agents', { name: 'Settings agent' })).body.agent.id;
    await ws.owner.post('/api/v1/widgets', { agentId: other });
    const edit = (json: unknown) => ws.owner.json(`/api/v1/widgets/${other}`, { method: 'PATCH', json });
    const saved = await edit({
      allowedOrigins: ['https://Shop.Example.test/', 'https://*.brand.test'],
      look: { primaryColor: '#0f766e', position: 'bottom-left', title: 'Help' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.widget.allowedOrigins).toEqual(['https://shop.example.test', 'https://*.brand.test']);
    const language = await edit({ language: 'ar' });
    expect(language.body.widget.config).toMatchObject({
      language: 'ar',
      look: { primaryColor: '#0f766e', title: 'Help' },
    });
    expect((await edit({ allowedOrigins: ['shop.example.test/path'] })).body.error.message).toContain(
      'is not an origin',
    );
    expect((await edit({ look: { primaryColor: 'teal' } })).status).toBe(400);
    expect((await edit({ leadForm: { enabled: true, fields: [{ key: 'company', label: 'Company' }] } })).status).toBe(
      400,
    );
    expect((await edit({ attachments: { maxBytes: 10 } })).status).toBe(400);
    expect((await ws.owner.post('/api/v1/widgets', { agentId: 'agt_00000000000000000000000000' })).status).toBe(404);
  });

  it('rotates the publishable key: the old one stops working at once', async () => {
    const other = (await ws.api.post('/api/v1/agents', { name: 'Rotating agent' })).body.agent.id;
    const { publicKey: before } = await widgetFor(ws, other);
    expect((await new VisitorClient(rt.current, before).call('/config')).status).toBe(200);
    const rotated = await ws.owner.post(`/api/v1/widgets/${other}/rotate-key`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.widget.publicKey).not.toBe(before);
    expect((await new VisitorClient(rt.current, before).call('/config')).status).toBe(404);
    expect((await new VisitorClient(rt.current, rotated.body.widget.publicKey).call('/config')).status).toBe(200);
  });
});

describe('bootstrap and origins', () => {
  it('gives an allowed page the widget’s face, with CORS for that origin', async () => {
    const res = await visitor().call('/config');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    // The site's performance monitoring may time the widget's requests.
    expect(res.headers.get('timing-allow-origin')).toBe(SITE);
    expect(res.body.widget).toMatchObject({
      publicKey,
      available: true,
      title: 'Shop helper',
      welcomeText: 'Hello from the shop!',
      suggestedQuestions: ['When are you open?'],
      language: 'auto',
      csat: true,
      leadForm: null,
      attachments: { images: true, files: true, maxBytes: 5 * 1024 * 1024 },
    });
    expect(JSON.stringify(res.body)).not.toContain(ws.id);
  });

  it('refuses another origin with a sentence the widget can show, and answers preflights only for allowed ones', async () => {
    const evil = new VisitorClient(rt.current, publicKey, 'https://evil.example');
    const res = await evil.call('/config');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('origin_not_allowed');
    expect(res.body.error.message).toContain('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    const preflight = (origin: string) =>
      rt.current.fetch(`/api/widget/v1/${publicKey}/session`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(SITE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
    const noOrigin = await new VisitorClient(rt.current, publicKey, '').call('/config');
    expect(noOrigin.status).toBe(403);
    const sameOrigin = await new VisitorClient(rt.current, publicKey, '').call('/config', {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
  });
});

describe('API reference', () => {
  it('documents the public widget API with the rest', async () => {
    const doc = (await (await rt.current.fetch('/api/openapi.json')).json()) as { paths: Record<string, any> };
    for (const path of [
      'config',
      'session',
      'conversations/{id}/messages',
      'conversations/{id}/events',
      'conversations/{id}/lead',
      'conversations/{id}/attachments',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(`/api/widget/v1/{key}/${path}`);
    }
    expect(doc.paths['/api/v1/widgets/{agentId}'].patch.description).toContain('channels.manage');
  });
});

describe('hosted page', () => {
  it('serves the full-page chat with frame-ancestors from the allowed origins', async () => {
    const res = await rt.current.fetch(`/chat/${publicKey}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(
      `<link rel="preload" href="/api/widget/v1/${publicKey}/config" as="fetch" crossorigin="anonymous">` +
        `<script src="/widget.js" data-agent="${publicKey}" data-mode="page" crossorigin="anonymous" async></script>`,
    );
    expect(html).toContain('<title>Shop helper</title>');
    expect(res.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${SITE}`);
    const unknown = await rt.current.fetch('/chat/pk_abcdefghijklmnopqrstuvwxyz012345', {
      headers: { accept: 'text/html' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This chat is not available');
    expect(unknown.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});

describe('a suspended workspace', () => {
  it('answers 403 workspace_suspended to the widget and the hosted page', async () => {
    const other = await testWorkspace(rt.current, 'widget-suspended');
    const agent = (await other.api.post('/api/v1/agents', { name: 'Paused shop' })).body.agent.id;
    const { publicKey: key } = await widgetFor(other, agent);
    await setTenantStatus(
      {
        tenantId: other.id,
        actor: { type: 'platformAdmin', userId: 'usr_admin', email: 'root@example.test' },
        requestId: 't',
      },
      'suspended',
      'Unpaid',
    );
    const res = await new VisitorClient(rt.current, key).call('/config');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('workspace_suspended');
    expect((await rt.current.fetch(`/chat/${key}`)).status).toBe(403);
  });
});
