import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 in ./data', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.dbMode).toBe('embedded');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.appUrl).toBe('http://localhost:3000');
  });

  it('switches to PostgreSQL when DATABASE_URL is set, and trims a trailing slash from APP_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/sb', APP_URL: 'https://chat.example.com/' });
    expect(config.dbMode).toBe('postgres');
    expect(config.appUrl).toBe('https://chat.example.com');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).dbMode).toBe('embedded');
  });

  it.each([
    ['PORT', 'abc', /PORT must be a number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must be a URL/],
    ['SECRET_KEY', 'short', /SECRET_KEY must be at least 32 characters/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be true or false/],
    ['KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN', '{free: 1}', /KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN must be JSON like/],
    ['KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN', '{"free": 10}', /KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN.*at least 1024 bytes/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
  ])('names %s and what is wrong with %j in one line', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('splits CORS_ORIGINS', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example,' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('keeps files on local disk without S3_BUCKET, and reads the S3 settings with it', () => {
    expect(loadConfig({}).s3).toBeNull();
    expect(
      loadConfig({
        S3_BUCKET: 'acme-files',
        S3_ENDPOINT: 'http://minio:9000',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PREFIX: 'sb/',
      }).s3,
    ).toEqual({
      bucket: 'acme-files',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      prefix: 'sb/',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    // No keys: the AWS SDK's own chain (AWS_* variables, instance role).
    expect(loadConfig({ S3_BUCKET: 'acme-files', S3_REGION: 'eu-west-3' }).s3).toEqual({
      bucket: 'acme-files',
      region: 'eu-west-3',
      forcePathStyle: false,
      prefix: '',
    });
  });

  it.each([
    [{ S3_BUCKET: 'Bad_Bucket' }, 'S3_BUCKET', /must be a bucket name/],
    [{ S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }, 'S3_BUCKET', /must be set when S3_ACCESS_KEY_ID is/],
    [{ S3_BUCKET: 'acme-files', S3_ACCESS_KEY_ID: 'id' }, 'S3_SECRET_ACCESS_KEY', /must be set together/],
    [{ S3_BUCKET: 'acme-files', S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT', /must be a URL/],
    [{ S3_BUCKET: 'acme-files', S3_FORCE_PATH_STYLE: 'sometimes' }, 'S3_FORCE_PATH_STYLE', /must be true or false/],
  ])('refuses inconsistent S3 settings %j, naming %s', (env, name, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(name);
    }
  });
});
