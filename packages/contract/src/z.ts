import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/**
 * zod with `.openapi()`, extended the way @hono/zod-openapi extends it (the same `z`
 * object: one zod in the installation). Importing it from here rather than from
 * @hono/zod-openapi keeps Hono out of the dashboard's bundle.
 */
extendZodWithOpenApi(z);

export { z };
