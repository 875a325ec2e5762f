export { providersModule } from './module';
export { configurePlatformModels, platformModels, type PlatformModels } from './platform-models';
export type { Embedder } from './embedder';
export { resolveModelTarget } from './resolve-target';
export {
  createCredential,
  listCredentials,
  updateCredential,
  deleteCredential,
  type CredentialView,
} from './credentials';
