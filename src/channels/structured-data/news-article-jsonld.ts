import type { PublicRelease } from '../../read-side/public-shape';
import { blocksToParagraphs } from '../../platform/content-model/paragraph-blocks';
import { releaseUrl } from '../../read-side/public-urls';
import { coverImageOf, type ImageRendition, type PictureRights } from '../../read-side/read-model/cover-image';
import { releaseCorrectedAt, releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { releasePublishedAt } from '../../read-side/read-model/release-dates';
import { releaseDescription } from '../../read-side/read-model/release-description';

const SCHEMA_TYPES: Record<string, string> = {
  person: 'Person',
  organisation: 'Organization',
  place: 'Place',
  event: 'Event',
};

/**
 * A picture with its rights where its file carried them, as Google's image licence metadata reads them: `creator`,
 * `creditText`, `copyrightNotice`, and the licence URL as `license` (also where a licence is acquired: the one URL
 * the file gives).
 */
function imageObject(image: ImageRendition, alt: string, rights: PictureRights = {}) {
  return {
    '@type': 'ImageObject',
    url: image.url,
    contentUrl: image.url,
    width: image.width,
    height: image.height,
    encodingFormat: image.mime,
    ...(alt ? { description: alt } : {}),
    ...(rights.creator ? { creator: { '@type': 'Person', name: rights.creator } } : {}),
    ...(rights.credit ? { creditText: rights.credit } : {}),
    ...(rights.copyrightNotice ? { copyrightNotice: rights.copyrightNotice } : {}),
    ...(rights.licenseUrl ? { license: rights.licenseUrl, acquireLicensePage: rights.licenseUrl } : {}),
  };
}

/** schema.org NewsArticle for one published release, linking its published translations. */
export function releaseToNewsArticle(release: PublicRelease, settings: { siteUrl: string; apiUrl: string }) {
  const url = releaseUrl(settings.siteUrl, release.locale, release.slug);
  const cover = coverImageOf(release, settings.apiUrl);
  const description = releaseDescription(release, 'search-and-previews');
  const correctedAt = releaseCorrectedAt(release);
  const publisher = release.source
    ? {
        '@type': 'Organization',
        name: release.source.name,
        alternateName: release.source.shortName,
        ...(release.source.url ? { url: release.source.url } : {}),
      }
    : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: url,
    headline: release.headline,
    ...(release.kicker ? { alternativeHeadline: release.kicker } : {}),
    ...(description ? { description } : {}),
    articleBody: blocksToParagraphs(release.body).join('\n\n'),
    inLanguage: release.locale,
    datePublished: releasePublishedAt(release).toISOString(),
    dateModified: releaseModifiedAt(release).toISOString(),
    ...(release.correction && correctedAt
      ? {
          correction: {
            '@type': 'CorrectionComment',
            text: release.correction,
            datePublished: correctedAt.toISOString(),
          },
        }
      : {}),
    ...(release.issuedAt ? { dateCreated: release.issuedAt } : {}),
    ...(release.dateline ? { locationCreated: { '@type': 'Place', name: release.dateline } } : {}),
    ...(publisher ? { publisher, author: publisher, sourceOrganization: publisher } : {}),
    ...(cover
      ? {
          image: imageObject(cover.original, cover.alt, cover.rights),
          thumbnailUrl: cover.renditions[0].url,
        }
      : {}),
    about: release.topics.map((topic) => ({ '@type': 'Thing', name: topic.name })),
    mentions: release.entities.map((entity) => ({
      '@type': SCHEMA_TYPES[entity.kind] ?? 'Thing',
      name: entity.name,
      ...(entity.uri ? { sameAs: entity.uri } : {}),
    })),
    workTranslation: release.localizations.map((t) => ({
      '@type': 'NewsArticle',
      '@id': releaseUrl(settings.siteUrl, t.locale, t.slug),
      headline: t.headline,
      inLanguage: t.locale,
    })),
  };
}
