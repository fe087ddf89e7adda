import type { ListPageRequest } from './public-releases';

const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/**
 * The list request the read model answers (`?locale=xx&pagination[page]=n&pagination[pageSize]=m`, each part
 * optional), or undefined when the query asks for anything more: filters, sorts or fields go to Strapi's path.
 */
export function plainListRequest(
  clientQuery: Record<string, unknown>,
  defaults: { locale: string; pageSize: number; maxPageSize: number },
): ListPageRequest | undefined {
  let page = 1;
  let pageSize = defaults.pageSize;
  let locale = defaults.locale;
  for (const [key, value] of Object.entries(clientQuery)) {
    if (key === 'locale' && typeof value === 'string') locale = value;
    else if (key === 'pagination' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [part, number] of Object.entries(value)) {
        if (typeof number !== 'string' || !POSITIVE_INTEGER.test(number)) return undefined;
        if (part === 'page') page = Number(number);
        else if (part === 'pageSize') pageSize = Number(number);
        else return undefined;
      }
    } else return undefined;
  }
  if (pageSize > defaults.maxPageSize) return undefined;
  return { locale, page, pageSize };
}
