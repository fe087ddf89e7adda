import { settings } from '../platform/settings/newsroom-settings';

/**
 * NEWSROOM_PUBLIC_READS=stock starts the app with none of our public read code: no public-read route middleware, no
 * SQL hot paths, no embargo middleware, no GraphQL guard, batching or localizations filter, no permissions cache.
 * Reads then go through Strapi's stock path alone, which is what the tests' independent oracle needs
 * (tests/helpers/stock-oracle.ts). Drafts and embargoed releases are public in that mode, so it is taken only with
 * NODE_ENV=test (as Jest runs); anywhere else it stops the app. (The slug route keeps its own path: the oracle does
 * not ask it.)
 */
export const STOCK_READS_VARIABLE = 'NEWSROOM_PUBLIC_READS';

export function stockPublicReads(values: { NEWSROOM_PUBLIC_READS?: string; NODE_ENV?: string } = settings()): boolean {
  const value = values[STOCK_READS_VARIABLE];
  if (value === undefined || value === '' || value === 'newsroom') return false;
  if (value !== 'stock')
    throw new Error(`${STOCK_READS_VARIABLE}: "${value}" is not one of newsroom (the default) or stock.`);
  if (values.NODE_ENV !== 'test') {
    throw new Error(
      `${STOCK_READS_VARIABLE}=stock is for tests only (NODE_ENV=test): ` +
        `it turns off what keeps drafts and embargoes private.`,
    );
  }
  return true;
}
