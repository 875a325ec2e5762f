import fs from 'node:fs';
import path from 'node:path';
import { z as honoZ } from '@hono/zod-openapi';
import { z as contractZ } from '@switchboard/contract/z';
import { describe, expect, it } from 'vitest';
import { documentApp, generateContract } from '../../../scripts/contract/generate';
import { openApiDocument } from '../src/platform/http/openapi-document';
import { REPO_ROOT } from '../src/platform/paths';

/**
 * packages/contract's generated files (the OpenAPI document and the client's types) are
 * committed so that the dashboard, the widget and tenants' code can use them without a
 * server. This fails when a route or schema changed and `npm run contract` was not run.
 */
describe('the API contract', () => {
  it('has its generated files up to date (run `npm run contract` when this fails)', async () => {
    const stale = [];
    for (const file of await generateContract()) {
      const committed = path.join(REPO_ROOT, file.path);
      const text = fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : null;
      if (text !== file.text) stale.push(file.path);
    }
    expect(stale).toEqual([]);
  });

  it('documents every API route the app serves, and only those', () => {
    const app = documentApp();
    const documented = Object.entries(openApiDocument(app).paths ?? {}).flatMap(([route, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${route}`),
    );
    const served = app.routes
      .filter(
        (r) =>
          r.method !== 'ALL' && r.method !== 'OPTIONS' && /^\/api\/(v1|admin|widget|channels|billing)\//.test(r.path),
      )
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(100);
    expect([...new Set(documented)].sort()).toEqual([...new Set(served)].sort());
  });

  it('builds its schemas with the same zod the routes validate with', () => {
    expect(contractZ).toBe(honoZ);
    expect(typeof contractZ.string().openapi).toBe('function');
  });
});
