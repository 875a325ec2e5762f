import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../config';
import { checkStorageKey, FileMissingError, type FileStorage } from './file-storage';

// The SDK warns on every start that releases after January 2027 need Node 22. This project runs
// on Node 20 and pins @aws-sdk/client-s3 to a release that supports it, so the warning is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Calls that take longer than this are failures (a hung bucket must not hold a job forever). */
const REQUEST_TIMEOUT_MS = 30_000;

type Sdk = typeof import('@aws-sdk/client-s3');

/**
 * The SDK is imported here, on first use, not at start-up: the server bundle keeps packages
 * external, and a static import would load it (about a second) in every process and CLI command.
 */
export async function createS3Storage(settings: S3Settings): Promise<S3Storage> {
  return new S3Storage(settings, await import('@aws-sdk/client-s3'));
}

/**
 * Files in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Supabase Storage), signed
 * with AWS Signature V4 by the official SDK. Objects are private; nothing here makes a URL
 * anyone could fetch.
 */
export class S3Storage implements FileStorage {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    private readonly sdk: Sdk,
  ) {
    this.client = new sdk.S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint && { endpoint: settings.endpoint }),
      ...(settings.credentials && { credentials: settings.credentials }),
      // The SDK's default CRC32 checksums (and the aws-chunked uploads they bring) are not
      // understood by every S3-compatible service; SigV4's payload hash already covers the body.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: 5_000 },
    });
  }

  get description(): string {
    const where = this.settings.endpoint ? ` at ${new URL(this.settings.endpoint).host}` : '';
    return `S3 bucket ${this.settings.bucket}${where}`;
  }

  private objectKey(key: string): string {
    return `${this.settings.prefix}${checkStorageKey(key)}`;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        Body: data,
        ContentLength: data.byteLength,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    try {
      const out = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
      if (!out.Body) throw new FileMissingError(key);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (
        error instanceof this.sdk.S3ServiceException &&
        (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
      )
        throw new FileMissingError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that is already gone, which is what "delete" promises here.
    await this.client.send(
      new this.sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
    );
  }
}
