import { z } from 'zod';

/** Control characters never belong in a contact detail (they break CSV and terminals). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (value: string) => value.replace(CONTROL, '').replace(/\s+/g, ' ').trim();

export const leadName = z.string().max(400).transform(clean).pipe(z.string().max(200, 'Keep the name under 200 characters'));

export const leadEmail = z
  .string()
  .max(400)
  .transform((value) => clean(value).toLowerCase())
  .pipe(z.email('Enter a valid email address').max(320, 'That email address is too long'));

/** A phone number as people write it (+44 20 7946 0958, (555) 123-4567): 6 to 15 digits. */
export const leadPhone = z
  .string()
  .max(400)
  .transform(clean)
  .refine((value) => /^\+?[\d\s().-]+$/.test(value), 'Enter a valid phone number (digits, spaces, + ( ) . -)')
  .refine((value) => {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 15;
  }, 'Enter a valid phone number (6 to 15 digits)');

/** Free text keeps its line breaks (a message field), nothing else invisible. */
export const fieldValue = z
  .string()
  .max(5000)
  .transform((value) => value.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(2000, 'Keep it under 2,000 characters'));

/** Field keys: what integrations and the CSV columns see. */
export const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and _ (at most 40)');

/** Empty strings mean "not given". */
export const blankToNull = (value: unknown) => (typeof value === 'string' && clean(value) === '' ? null : value);
