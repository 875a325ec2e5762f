export { withTenant, withPlatform, MissingTenantError } from './with-tenant';
export { currentTransaction, detachedFromTransaction, type Tx } from './transaction';
export { preparedCall, type PreparedCall, type StatementResult } from './batched';
export { driverRowMapper } from './driver-rows';
export { systemContext, describeActor, type Actor, type MemberRole, type ServiceContext } from './context';
