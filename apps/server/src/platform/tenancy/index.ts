export { withTenant, withPlatform, MissingTenantError } from './with-tenant';
export { currentTransaction, detachedFromTransaction, type Tx } from './transaction';
export { systemContext, describeActor, type Actor, type MemberRole, type ServiceContext } from './context';
