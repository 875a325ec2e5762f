export {
  actorCan,
  API_KEY_SCOPES,
  assertCan,
  PERMISSION_NAMES,
  PERMISSIONS,
  permissionDenied,
  permissionsOf,
  roleCan,
  ROLES,
  rolesWithout,
  type ApiKeyScope,
  type Permission,
} from './permissions';
