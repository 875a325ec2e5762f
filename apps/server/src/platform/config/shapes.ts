import { z } from 'zod';

/** Building blocks shared by the configuration areas. */
export const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    )
    .optional();

export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** An http(s) address with a default: a platform's API, overridable for a proxy or a local peer in tests. */
export const httpUrl = (fallback: string) =>
  z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'Use an http(s) address')
    .default(fallback);
