import type { Core } from '@strapi/strapi';

/** The newsroom's languages; the first is the default, the language of our first release. */
export const NEWSROOM_LOCALES = [
  { code: 'ru', name: 'Russian (ru)' },
  { code: 'en', name: 'English (en)' },
  { code: 'az', name: 'Azerbaijani (az)' },
] as const;

export const DEFAULT_LOCALE = NEWSROOM_LOCALES[0].code;

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
