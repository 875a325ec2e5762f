import { z } from './z';

/** The error envelope every failure answers with: `{ error: { code, message, requestId, details? } }`. */
export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: 'The request is not valid.' }),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** One entry of a `validation_failed` answer's `details`: the field's dotted path (`(body)` for the whole body) and what is wrong. */
export interface ValidationIssue {
  path: string;
  message: string;
}
