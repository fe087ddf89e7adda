import type { Core } from '@strapi/strapi';

/** The languages the admin panel's own messages are written in (the panel offers both). */
export type EditorLanguage = 'en' | 'ru';

/** One message an editor may be shown, in each language of the panel. */
export type Bilingual = Record<EditorLanguage, string>;

interface RequestUser {
  preferedLanguage?: string | null;
}

/**
 * The language the admin user making the current request reads the panel in: the interface language of their
 * profile (Strapi keeps it on the user as `preferedLanguage`). English for everything else: API tokens, scripts, and
 * users who never chose.
 */
export function editorLanguage(strapi: Core.Strapi): EditorLanguage {
  const user = strapi.requestContext.get()?.state?.user as RequestUser | undefined;
  return user?.preferedLanguage?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** The message in the language of the admin user making the current request. */
export function inEditorLanguage(strapi: Core.Strapi, message: Bilingual): string {
  return message[editorLanguage(strapi)];
}
