import path from 'node:path';
import { z } from 'zod';
import { billingShape } from './billing';
import { integrationsShape } from './integrations';
import { knowledgeShape } from './knowledge';
import { modelsShape } from './models';
import { serverShape } from './server';
import { storageShape } from './storage';
import { widgetShape } from './widget';

/**
 * The environment, read once and validated. Every variable of the public contract
 * (DESIGN §7) lives in one of the area files beside this one, so README's configuration
 * table can be checked against it.
 */
export const configSchema = z.object({
  ...serverShape,
  ...knowledgeShape,
  ...widgetShape,
  ...integrationsShape,
  ...modelsShape,
  ...storageShape,
  ...billingShape,
});

export type Config = z.infer<typeof configSchema> & {
  /** Absolute data directory. */
  dataDir: string;
  /** Where users open the app: APP_URL or http://localhost:PORT. */
  appUrl: string;
  /** APP_URL or PORT was set; otherwise a process that serves nothing links to the address the last server served. */
  appUrlConfigured: boolean;
  dbMode: 'embedded' | 'postgres';
  /** The bucket for uploaded files, when S3_BUCKET is set. */
  s3: S3Settings | null;
};

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  prefix: string;
  /** Both or neither; neither: the AWS SDK's own chain (AWS_* variables, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The S3 variables make sense only together: a key without a bucket is a mistake worth stopping for. */
function s3Settings(value: z.infer<typeof configSchema>): S3Settings | null {
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: keyId, S3_SECRET_ACCESS_KEY: secret } = value;
  if (!bucket) {
    const stray = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).find(
      (name) => value[name] !== undefined,
    );
    if (stray)
      throw new ConfigError(
        'S3_BUCKET',
        `must be set when ${stray} is (or unset ${stray} to keep files on local disk)`,
      );
    return null;
  }
  if (Boolean(keyId) !== Boolean(secret))
    throw new ConfigError(
      keyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'must be set together with the other S3 key variable',
    );
  return {
    bucket,
    region: value.S3_REGION,
    ...(value.S3_ENDPOINT && { endpoint: value.S3_ENDPOINT }),
    forcePathStyle: value.S3_FORCE_PATH_STYLE,
    prefix: value.S3_PREFIX,
    ...(keyId && secret && { credentials: { accessKeyId: keyId, secretAccessKey: secret } }),
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as they do in most .env tooling. */
function clean(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, issue.message);
  }
  const value = parsed.data;
  const dataDir = path.resolve(value.DATA_DIR);
  const appUrl = (value.APP_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, '');
  // PORT=0 (any free port) says nothing about where a running server is.
  const appUrlConfigured = Boolean(value.APP_URL) || (env.PORT !== undefined && env.PORT !== '' && value.PORT !== 0);
  return {
    ...value,
    dataDir,
    appUrl,
    appUrlConfigured,
    dbMode: value.DATABASE_URL ? 'postgres' : 'embedded',
    s3: s3Settings(value),
  };
}
