import type { Core } from '@strapi/strapi';
import { publicSearch } from './public-search';

/** The search as a GraphQL query: searchPressReleases(q, locale, page, pageSize). */
export function registerSearchGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  extension.use(() => ({
    typeDefs: `
      type PressReleaseSearchHit {
        documentId: ID!
        locale: String!
        slug: String
        kicker: String
        headline: String!
        lead: String
        publishedAt: String!
        rank: Float!
        "HTML: the matching passages, text escaped, matches in <mark>"
        snippet: String!
      }
      type PressReleaseSearchPagination { page: Int!, pageSize: Int!, pageCount: Int!, total: Int! }
      type PressReleaseSearchResult {
        hits: [PressReleaseSearchHit!]!
        pagination: PressReleaseSearchPagination!
        totalIsCapped: Boolean!
      }
      extend type Query {
        searchPressReleases(q: String!, locale: I18NLocaleCode, page: Int, pageSize: Int): PressReleaseSearchResult!
      }
    `,
    resolvers: {
      Query: {
        searchPressReleases: async (
          _parent: unknown,
          args: { q: string; locale?: string; page?: number; pageSize?: number },
        ) => {
          const query: Record<string, unknown> = { q: args.q };
          if (args.locale !== undefined && args.locale !== null) query.locale = args.locale;
          if (args.page !== undefined && args.page !== null) query.page = String(args.page);
          if (args.pageSize !== undefined && args.pageSize !== null) query.pageSize = String(args.pageSize);
          const result = await publicSearch(strapi, query);
          return { hits: result.data, pagination: result.meta.pagination, totalIsCapped: result.meta.totalIsCapped };
        },
      },
    },
    resolversConfig: {
      'Query.searchPressReleases': { auth: false },
    },
  }));
}
