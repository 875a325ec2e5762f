import { PROVIDERS } from './enums';
import { z } from './z';

// Model providers: a workspace's own keys (stored encrypted, never shown again) and the
// platform's models.

export const credentialInput = z
  .object({
    provider: z.enum(PROVIDERS),
    label: z.string().trim().min(1).max(80),
    apiKey: z.string().trim().min(1).max(500).nullish(),
    baseUrl: z.string().trim().url('Enter the server’s URL, e.g. http://localhost:11434/v1').max(500).nullish(),
  })
  .refine((c) => c.provider !== 'openai-compatible' || Boolean(c.baseUrl), {
    message: 'An OpenAI-compatible server needs its base URL',
    path: ['baseUrl'],
  })
  .refine((c) => c.provider === 'openai-compatible' || Boolean(c.apiKey), {
    message: 'Enter the API key',
    path: ['apiKey'],
  });

export const credentialPatch = z
  .object({
    label: z.string().trim().min(1).max(80).optional(),
    apiKey: z.string().trim().min(1).max(500).optional(),
    baseUrl: z.string().trim().url().max(500).nullish(),
  })
  // Every field is optional, so a typo would otherwise be a silent no-op.
  .strict();

export const ProviderKeySchema = z
  .object({
    id: z.string(),
    provider: z.enum(PROVIDERS),
    label: z.string(),
    baseUrl: z.string().nullable(),
    keyPreview: z.string().nullable(),
    lastTestedAt: z.date().nullable(),
    lastTestOk: z.boolean().nullable(),
    lastTestMessage: z.string().nullable(),
    createdAt: z.date(),
  })
  .openapi('ProviderKey');

export const testKeyBody = z.object({ modelId: z.string().trim().min(1).max(200).nullish() });

export const ProviderKeyListResponse = z.object({
  keys: z.array(ProviderKeySchema),
  platform: z.object({ providers: z.array(z.string()), defaultModel: z.string().nullable() }),
});
export const ProviderKeyResponse = z.object({ key: ProviderKeySchema });
export const ProviderKeyTestResponse = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  message: z.string(),
  key: ProviderKeySchema,
});
