import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3TestServer } from '../../../test/support/s3-server';
import { loadConfig } from '../config';
import { createFileStorage, FileMissingError, newStorageKey } from './index';
import { createS3Storage, type S3Storage } from './s3';

/** The S3 backend against a local server that checks SigV4 signatures as S3 does. */
describe('S3 file storage', () => {
  let s3: S3TestServer;
  let storage: S3Storage;
  const tenant = `ten_${'a'.repeat(26)}`;
  const owner = `src_${'b'.repeat(26)}`;
  const settings = () => ({
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    prefix: 'files/',
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });

  beforeAll(async () => {
    s3 = await startS3Server();
    storage = await createS3Storage(settings());
  });
  afterAll(() => s3?.close());

  it('stores and reads back bytes under the prefix, signed requests only', async () => {
    const key = newStorageKey(tenant, owner);
    const bytes = new Uint8Array([0, 1, 2, 250, 255, ...Buffer.from('%PDF-1.4 and more')]);
    await storage.put(key, bytes);
    expect(s3.keys()).toContain(`files/${key}`);
    expect(Buffer.compare(await storage.get(key), Buffer.from(bytes))).toBe(0);
    expect(s3.log.filter((r) => r.key === `files/${key}`).map((r) => [r.method, r.status])).toEqual([
      ['PUT', 200],
      ['GET', 200],
    ]);
  });

  it('says "missing" (FileMissingError) for an object that is not there, and deletes idempotently', async () => {
    const key = newStorageKey(tenant, owner);
    await storage.put(key, Buffer.from('short-lived'));
    await storage.delete(key);
    expect(s3.keys()).not.toContain(`files/${key}`);
    await expect(storage.get(key)).rejects.toBeInstanceOf(FileMissingError);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('is refused by the server with a wrong secret, and that is not "missing"', async () => {
    const wrong = await createS3Storage({
      ...settings(),
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    const key = newStorageKey(tenant, owner);
    const put = await wrong.put(key, Buffer.from('x')).catch((error: unknown) => error);
    expect((put as { name?: string }).name).toBe('SignatureDoesNotMatch');
    expect(s3.keys()).not.toContain(`files/${key}`);
    await storage.put(key, Buffer.from('y'));
    const get = await wrong.get(key).catch((error: unknown) => error);
    expect(get).not.toBeInstanceOf(FileMissingError);
    expect(s3.log.at(-1)).toMatchObject({ method: 'GET', status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses keys it did not make', async () => {
    await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/Bad storage key/);
  });

  it('is chosen by configuration: S3 with S3_BUCKET, local disk without', async () => {
    const env = {
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const configured = await createFileStorage(loadConfig(env));
    expect(configured.description).toBe(`S3 bucket ${s3.bucket} at ${new URL(s3.endpoint).host}`);
    const key = newStorageKey(tenant, owner);
    await configured.put(key, Buffer.from('via config'));
    expect(s3.keys()).toContain(key);
    expect((await createFileStorage(loadConfig({ DATA_DIR: '/tmp/sb-nowhere' }))).description).toBe(
      'local disk (/tmp/sb-nowhere/files)',
    );
  });
});
