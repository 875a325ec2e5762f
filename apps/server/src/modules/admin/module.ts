import type { ModuleDefinition } from '../module';
import { adminRoutes } from './routes';

/** The super admin console's API (platform service). */
export const adminModule: ModuleDefinition = { name: 'admin', routes: adminRoutes };
