import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { assertKnownLocale } from '../../read-side/known-locales';
import { DEFAULT_LOCALE } from '../../platform/content-model/locales';
import { parseSearchRequest, SearchRequestError } from './search-request';
import { searchPressReleases, type SearchHit } from './search-press-releases';

export interface PublicSearchResponse {
  data: SearchHit[];
  meta: {
    query: string;
    locale: string;
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    totalIsCapped: boolean;
  };
}

/** One search as the public API answers it (REST and GraphQL share it). */
export async function publicSearch(strapi: Core.Strapi, query: Record<string, unknown>): Promise<PublicSearchResponse> {
  let request;
  try {
    request = parseSearchRequest(query, {
      defaultLocale: DEFAULT_LOCALE,
      defaultPageSize: Number(strapi.config.get('api.rest.defaultLimit', 25)),
      maxPageSize: Number(strapi.config.get('api.rest.maxLimit', 100)),
    });
  } catch (error) {
    if (error instanceof SearchRequestError) throw new errors.ValidationError(error.message);
    throw error;
  }
  await assertKnownLocale(strapi, request.locale);
  const result = await searchPressReleases(strapi.db.connection, request);
  return {
    data: result.hits,
    meta: {
      query: request.q,
      locale: request.locale,
      pagination: {
        page: request.page,
        pageSize: request.pageSize,
        pageCount: Math.ceil(result.total / request.pageSize),
        total: result.total,
      },
      totalIsCapped: result.totalIsCapped,
    },
  };
}
