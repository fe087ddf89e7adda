import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { publicReleasesOf } from '../read-model/public-releases';
import { withdrawnRelease, type WithdrawnRelease } from '../read-model/withdrawn-releases';
import type { PublicRelease } from '../public-shape';
import { DEFAULT_LOCALE } from '../../platform/content-model/locales';
import { assertKnownLocale } from '../known-locales';
import { resolveLocale } from './resolve-locale';

export interface LocaleRequest {
  locale?: unknown;
  fallbackLocale?: unknown;
}

export interface ResolvedLocale {
  requested: string;
  served: string;
  fallbackUsed: boolean;
}

/** Validates `locale` and `fallbackLocale` (400 on unknown codes) and picks the locale to serve (404 when none). */
export async function resolveRequestLocale(
  strapi: Core.Strapi,
  documentId: string,
  query: LocaleRequest,
): Promise<ResolvedLocale> {
  const requested = query.locale === undefined ? DEFAULT_LOCALE : query.locale;
  await assertKnownLocale(strapi, requested);
  const fallback = query.fallbackLocale;
  if (fallback !== undefined && typeof fallback !== 'string') {
    throw new errors.ValidationError('"fallbackLocale" must be a comma-separated list of locale codes, e.g. ru,en.');
  }
  for (const code of (fallback ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)) {
    await assertKnownLocale(strapi, code);
  }
  const served = resolveLocale(
    requested as string,
    fallback,
    await publicReleasesOf(strapi).visibleLocales(documentId),
  );
  if (!served) {
    throw new errors.NotFoundError(
      `No published press release ${documentId} in locale "${String(requested)}"` +
        `${fallback ? ` or "${fallback}"` : ''}.`,
    );
  }
  return { requested: requested as string, served, fallbackUsed: served !== requested };
}

/** The published release for a public request, with the locale chosen as above. */
export async function releaseForRequest(
  strapi: Core.Strapi,
  documentId: string,
  query: LocaleRequest,
): Promise<{ release: PublicRelease; locale: ResolvedLocale }> {
  const locale = await resolveRequestLocale(strapi, documentId, query);
  const release = await publicReleasesOf(strapi).release(documentId, locale.served);
  if (!release)
    throw new errors.NotFoundError(`No published press release ${documentId} in locale "${locale.served}".`);
  return { release, locale };
}

/**
 * For the wire formats (NewsML-G2, ninjs): the published release as above, else, when there is none in the requested
 * locale, its recent withdrawal (answered as canceled), else the same 404.
 */
export async function releaseOrWithdrawal(
  strapi: Core.Strapi,
  documentId: string,
  query: LocaleRequest,
): Promise<{ release: PublicRelease; locale: ResolvedLocale } | { withdrawn: WithdrawnRelease }> {
  try {
    return await releaseForRequest(strapi, documentId, query);
  } catch (error) {
    if (!(error instanceof errors.NotFoundError)) throw error;
    // The locale was checked by releaseForRequest (a 400 before any 404).
    const requested = query.locale === undefined ? DEFAULT_LOCALE : String(query.locale);
    const withdrawn = await withdrawnRelease(strapi, documentId, requested);
    if (!withdrawn) throw error;
    return { withdrawn };
  }
}
