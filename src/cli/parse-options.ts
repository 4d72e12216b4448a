import { z } from 'zod';
import { PipelineError } from '../core/errors.js';

/** Validates a command's options; a bad flag is a one-line usage error, not a stack trace. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new PipelineError('config_invalid', `invalid options: ${z.prettifyError(parsed.error).replace(/\n+/g, '; ')}`);
  }
  return parsed.data;
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const positiveInt = z.coerce.number().int().positive();
export const nonNegativeInt = z.coerce.number().int().nonnegative();
export const share = z.coerce.number().min(0).max(1);
