import { OpenAPIHono } from '@hono/zod-openapi';
import { ValidationError } from '../errors';
import type { App, AppEnv } from './env';
import { zodDetails } from './error-handler';
import { assertStorable } from './input-guard';

/**
 * An OpenAPIHono whose validation failures become the 400 envelope with zod's issues, and
 * whose validated input (params, query, body) holds only text the database can store. The
 * app and every module's sub-app are made here, so they validate alike.
 */
export function createRouter(): App {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationError('The request is not valid.', zodDetails(result.error));
      assertStorable(result.data);
    },
  });
}

/** The routes of a module kept in several files, as the one sub-app the module exports. */
export function joinRouters(...routers: App[]): App {
  const app = createRouter();
  for (const router of routers) app.route('/', router);
  return app;
}
