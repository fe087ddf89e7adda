import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** How long a read of the locale list is reused: a locale added in the admin panel is accepted this much later. */
const LOCALES_TTL_MS = 5_000;
const recent = new WeakMap<Core.Strapi, { codes: Promise<string[]>; until: number }>();

/** The locale codes, read at most every few seconds (every public read checks its locale; this saves a query each). */
export async function knownLocaleCodes(strapi: Core.Strapi): Promise<string[]> {
  const cached = recent.get(strapi);
  if (cached && cached.until > Date.now()) return cached.codes;
  const codes = (strapi.plugin('i18n').service('locales').find() as Promise<{ code: string }[]>).then((locales) =>
    locales.map((locale) => locale.code),
  );
  recent.set(strapi, { codes, until: Date.now() + LOCALES_TTL_MS });
  codes.catch(() => recent.delete(strapi)); // a failed read (database down) is not reused
  return codes;
}

/** A 400 with the list of valid codes, rather than the empty result Strapi gives an unknown locale. */
export async function assertKnownLocale(strapi: Core.Strapi, locale: unknown): Promise<void> {
  const codes = await knownLocaleCodes(strapi);
  if (typeof locale !== 'string' || !codes.includes(locale)) {
    throw new errors.ValidationError(
      `Unknown locale ${JSON.stringify(locale)}: use one of ${codes.map((c) => `"${c}"`).join(', ')}.`,
    );
  }
}
