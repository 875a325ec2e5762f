import type { ModuleDefinition } from '../module';
import { mountAdminRoutes } from './routes';

/** The super admin console's API (platform service). */
export const adminModule: ModuleDefinition = { name: 'admin', mount: (app) => mountAdminRoutes(app) };
