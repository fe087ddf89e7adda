import type { Core } from '@strapi/strapi';

/** The newsroom's languages; the first is the default, the language of our first release. */
export const NEWSROOM_LOCALES = [
  { code: 'ru', name: 'Russian (ru)' },
  { code: 'en', name: 'English (en)' },
  { code: 'az', name: 'Azerbaijani (az)' },
] as const;

export const DEFAULT_LOCALE = NEWSROOM_LOCALES[0].code;

/**
 * The locale a Document Service call that names none writes: Strapi's default locale, which ensureNewsroomLocales
 * sets to DEFAULT_LOCALE at every start (an administrator may change it in Settings until the next one).
 */
export const defaultLocaleOf = (strapi: Core.Strapi): Promise<string> =>
  strapi.plugin('i18n').service('locales').getDefaultLocale() as Promise<string>;

export async function ensureNewsroomLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of NEWSROOM_LOCALES) {
    if (!(await locales.findByCode(locale.code))) {
      await locales.create({ code: locale.code, name: locale.name });
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
  }
}
