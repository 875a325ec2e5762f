import type { ModuleDefinition } from './module';
import { tenantsModule } from './tenants/module';

/** The product's modules, in the order their routes mount. */
export const modules: readonly ModuleDefinition[] = [tenantsModule];
