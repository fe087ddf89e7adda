import { errors } from '@strapi/utils';
import type { z } from 'zod';

/** What is wrong with an input, each problem named by its field ("creditLine: too long; licenseUrl: …"). */
export const problemsOf = (error: z.ZodError, whole = 'data'): string =>
  error.issues.map((issue) => `${issue.path.join('.') || whole}: ${issue.message}`).join('; ');

/**
 * An input as its schema takes it, or a ValidationError (a 400 with the message) that names every problem: the one
 * way a request's body, a form or an admin's edit is checked before anything is written.
 */
export function checkedInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  options: { whole?: string; what?: string } = {},
): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = problemsOf(parsed.error, options.whole);
  throw new errors.ValidationError(options.what ? `${options.what}: ${problems}` : problems);
}
