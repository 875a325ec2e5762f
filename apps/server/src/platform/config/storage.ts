import { z } from 'zod';
import { optionalUrl, bool } from './shapes';

/** Where uploaded files are kept (local disk or an S3-compatible bucket). */
export const storageShape = {
  /** An S3-compatible bucket for uploaded files (AWS S3, R2, MinIO, Supabase Storage); unset: DATA_DIR/files. */
  S3_BUCKET: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name (3–63 lowercase letters, digits, dots, hyphens)',
    )
    .optional(),
  /** The S3 API address for non-AWS services (https://<account>.r2.cloudflarestorage.com, http://minio:9000). */
  S3_ENDPOINT: optionalUrl(['http:', 'https:']),
  S3_REGION: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, 'must be a region name like us-east-1 (auto for R2)')
    .default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addresses (endpoint/bucket/key), which MinIO and most self-hosted services need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Prefix of every object key in the bucket (e.g. switchboard/). */
  S3_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9!_.*'()/-]*$/, "may hold letters, digits and !_.*'()/- only")
    .default(''),
};
