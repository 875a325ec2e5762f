import { z } from 'zod';
import { optionalUrl } from './shapes';

/** Model providers and prices. */
export const modelsShape = {
  /** Platform model default for new agents, as provider:modelId (e.g. openai:gpt-4o-mini). */
  DEFAULT_MODEL: z
    .string()
    .regex(/^(openai|anthropic|google|openai-compatible):.+$/, 'must look like openai:gpt-4o-mini (provider:model)')
    .optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl(['http:', 'https:']),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: optionalUrl(['http:', 'https:']),
  GOOGLE_API_KEY: z.string().min(1).optional(),
  /** A platform OpenAI-compatible server (Ollama, vLLM, LM Studio, OpenRouter). */
  OPENAI_COMPATIBLE_BASE_URL: optionalUrl(['http:', 'https:']),
  OPENAI_COMPATIBLE_API_KEY: z.string().min(1).optional(),
  /**
   * Model prices (USD per million tokens) added to or replacing the built-in list, as JSON:
   * {"openai-compatible:llama3.1": {"input": 0.1, "output": 0.2}}. Unpriced models cost 0.
   */
  MODEL_PRICES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return {};
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"gpt-4o": {"input": 2.5, "output": 10}}' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(
        z.string().min(1),
        z
          .object(
            { input: z.number().min(0), output: z.number().min(0) },
            { message: 'must give each model {"input": …, "output": …} in USD per million tokens' },
          )
          .strict(),
        { message: 'must be a JSON object of model → {"input", "output"}' },
      ),
    ),
};
