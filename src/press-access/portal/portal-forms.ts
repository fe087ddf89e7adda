import { checkedInput } from '../../platform/validation/checked-input';
import { z } from 'zod';
import { CSRF_FIELD } from './portal-session';

/**
 * What each portal form may send: exactly its fields (anything else is refused), each checked, so that a form that
 * does not hold together gets a 400 page saying what to change. The token against cross-site requests is checked
 * before (portal-routes.ts); it is a field of every form.
 */

const text = (max: number) =>
  z
    .string({ message: 'a text' })
    .trim()
    .min(1, { message: 'required' })
    .max(max, { message: `at most ${max} characters` });
/** A password as typed (never trimmed): any, to log in; a new one at least as long as Users & Permissions asks. */
const typed = z.string({ message: 'a text' }).max(200, { message: 'at most 200 characters' });
const given = typed.min(1, { message: 'required' });
const password = typed.min(6, { message: 'at least 6 characters' });
const email = z.string().trim().toLowerCase().max(255).email({ message: 'an email address, e.g. name@outlet.example' });
/** An optional text field of a form: sent empty when left blank. */
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || undefined)
    .optional();

/** Where to go after logging in: a page of the portal itself, never another site. */
const portalPath = z
  .string()
  .max(500)
  .regex(/^\/press\/[A-Za-z0-9/_\-?=&.%]*$/, { message: 'a page of the press portal' })
  .refine((path) => !path.includes('//') && !path.includes('..'), { message: 'a page of the press portal' })
  .optional()
  .or(z.literal('').transform(() => undefined));

const form = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ [CSRF_FIELD]: z.string(), ...shape });

export const LOG_IN_FORM = form({ email, password: given, next: portalPath });

/** The accreditation request's fields as a form sends them (languages as one text field, acceptance as a box). */
const ACCREDITATION_FIELDS = {
  outlet: text(200),
  position: text(200),
  // Checked as a country code by the accreditation's own rules (accreditations.ts), with their message.
  country: text(64),
  languages: text(100),
  timeZone: optional(64),
  agreementVersion: text(32),
  acceptAgreement: z.literal('yes', { message: 'the embargo agreement must be accepted' }).optional(),
};

export const ACCREDITATION_FORM = form(ACCREDITATION_FIELDS);
export const SIGN_UP_FORM = form({ email, password, ...ACCREDITATION_FIELDS });
export const FORGOT_PASSWORD_FORM = form({ email });
export const RESET_PASSWORD_FORM = form({
  code: text(256),
  password,
  passwordConfirmation: given,
});
export const FEED_FORM = form({ action: z.enum(['replace', 'revoke']) });
export const LOG_OUT_FORM = form({});

/** The press API's accreditation request (`data` of POST /api/press/accreditation) from the form's fields. */
export function accreditationData(fields: z.infer<typeof ACCREDITATION_FORM>): Record<string, unknown> {
  return {
    outlet: fields.outlet,
    position: fields.position,
    country: fields.country,
    languages: fields.languages
      .split(/[\s,;]+/)
      .map((code) => code.toLowerCase())
      .filter(Boolean),
    ...(fields.timeZone ? { timeZone: fields.timeZone } : {}),
    agreementVersion: fields.agreementVersion,
    acceptAgreement: fields.acceptAgreement === 'yes',
  };
}

/** A form's fields, or a ValidationError that names each problem. */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): T {
  return checkedInput(schema, body ?? {}, { whole: 'form' });
}
