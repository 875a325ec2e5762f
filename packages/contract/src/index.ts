/**
 * Switchboard's API contract. The schemas are zod (with OpenAPI metadata): the server's
 * routes validate with them and the OpenAPI document is generated from them. Clients import
 * types (`import type`), the typed client (`@switchboard/contract/client`) and its TanStack
 * Query hooks (`@switchboard/contract/react-query`).
 */
export { z } from './z';
export * from './common';
export * from './enums';
export * from './errors';
export * from './permissions';
export * from './agents';
export * from './knowledge';
export * from './chat';
export * from './inbox';
export * from './leads';
export * from './widget';
export * from './accounts';
export * from './admin';
export * from './audit';
export * from './escalation';
export * from './openai';
export * from './providers';
export * from './team';
export * from './tenants';
export * from './usage';
export * from './feedback';
export * from './evaluations';
export * from './webhooks';
export * from './actions';
export * from './mcp';
export * from './channels';
export * from './analytics';
export * from './payments';
export * from './analytics-reports';
