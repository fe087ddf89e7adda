import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export async function knownLocaleCodes(strapi: Core.Strapi): Promise<string[]> {
  const locales = (await strapi.plugin('i18n').service('locales').find()) as { code: string }[];
  return locales.map((locale) => locale.code);
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
