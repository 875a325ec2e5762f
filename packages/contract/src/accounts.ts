import { OkResponse } from './common';
import { API_KEY_SCOPES } from './permissions';
import { z } from './z';

// Accounts: who is signed in, first-run setup, sessions and API keys.

export const MIN_PASSWORD_LENGTH = 10;

export const newAccountInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address'),
  name: z.string().trim().min(1, 'Enter a name').max(120),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
});

/**
 * The dashboard's sign-in form (`POST /api/auth/sign-in/email`, served by the auth library,
 * which answers its own errors): checked in the browser before it is sent.
 */
export const signInInput = z.object({
  email: z.string().trim().email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password'),
  rememberMe: z.boolean(),
});

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key after what uses it').max(80),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'Pick at least one scope').max(2),
  /** Restrict the key to these agents; omit for every agent. */
  agentIds: z
    .array(z.string().regex(/^agt_[0-9a-z]{26}$/, 'Not an agent id'))
    .max(100)
    .nullish(),
});

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    displayPrefix: z.string(),
    scopes: z.array(z.string()),
    agentIds: z.array(z.string()).nullable(),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable().optional(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .openapi('ApiKey');

export const WorkspaceMembershipSchema = z
  .object({ id: z.string(), name: z.string(), slug: z.string(), status: z.string(), role: z.string() })
  .openapi('WorkspaceMembership');

export const MeSchema = z
  .object({
    user: z
      .object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        emailVerified: z.boolean(),
        twoFactorEnabled: z.boolean(),
        superAdmin: z.boolean(),
      })
      .nullable(),
    impersonation: z.object({ impersonatorId: z.string(), expiresAt: z.date() }).nullable(),
    workspaces: z.array(WorkspaceMembershipSchema),
  })
  .openapi('Me');

export const SessionSchema = z
  .object({
    id: z.string(),
    createdAt: z.date(),
    updatedAt: z.date(),
    expiresAt: z.date(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    impersonated: z.boolean(),
    current: z.boolean(),
  })
  .openapi('Session');

export const accountIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

export const AuthConfigResponse = z.object({
  providers: z.array(z.string()),
  setupNeeded: z.boolean(),
  minPasswordLength: z.number(),
});
export const SetupResponse = z.object({ userId: z.string() });
export const SessionListResponse = z.object({ sessions: z.array(SessionSchema) });
export const ApiKeyListResponse = z.object({ apiKeys: z.array(ApiKeySchema) });
export const ApiKeyCreatedResponse = z.object({ apiKey: ApiKeySchema, secret: z.string() });
export const ApiKeyResponse = z.object({ apiKey: ApiKeySchema });
export { OkResponse as SignedOutResponse };
