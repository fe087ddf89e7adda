/** A panel's words in each language the admin panel offers. */
export type PanelWords = Record<string, { en: string; ru: string }>;

/**
 * The message ids (under `newsroom.<prefix>.`), the translations for app.tsx and the English defaults of a panel's
 * words, looked up with react-intl like Strapi's own.
 */
export function panelLabels(prefix: string, words: PanelWords) {
  const id = (key: string): string => `newsroom.${prefix}.${key}`;
  return {
    id,
    translations: (language: 'en' | 'ru'): Record<string, string> =>
      Object.fromEntries(Object.entries(words).map(([key, word]) => [id(key), word[language]])),
    /** The English words, as react-intl's default messages. */
    english: (key: string): string => words[key]?.en ?? key,
  };
}
