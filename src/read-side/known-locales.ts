import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { perApp } from '../platform/app-registry/per-app';

/** How long a read of the locale list is reused: a locale added in the admin panel is accepted this much later. */
const LOCALES_TTL_MS = 5_000;
type LocaleRead = { codes: Promise<string[]>; until: number };
const localeReadsOf = (strapi: Core.Strapi) => perApp(strapi, 'knownLocales', (): { recent?: LocaleRead } => ({}));

/** The locale codes, read at most every few seconds (every public read checks its locale; this saves a query each). */
export async function knownLocaleCodes(strapi: Core.Strapi): Promise<string[]> {
  const reads = localeReadsOf(strapi);
  const cached = reads.recent;
  if (cached && cached.until > Date.now()) return cached.codes;
  const codes = (strapi.plugin('i18n').service('locales').find() as Promise<{ code: string }[]>).then((locales) =>
    locales.map((locale) => locale.code),
  );
  const read = { codes, until: Date.now() + LOCALES_TTL_MS };
  reads.recent = read;
  codes.catch(() => {
    if (reads.recent === read) reads.recent = undefined; // a failed read (database down) is not reused
  });
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
