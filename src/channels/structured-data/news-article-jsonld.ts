import type { PublicRelease } from '../../read-side/public-shape';
import { blocksToParagraphs } from '../../platform/content-model/paragraph-blocks';
import { releaseUrl } from '../../read-side/public-urls';
import { coverImageOf, type ImageRendition } from '../../read-side/read-model/cover-image';
import { releaseCorrectedAt, releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { releasePublishedAt } from '../../read-side/read-model/release-dates';
import { releaseDescription } from '../../read-side/read-model/release-description';

const SCHEMA_TYPES: Record<string, string> = {
  person: 'Person',
  organisation: 'Organization',
  place: 'Place',
  event: 'Event',
};

function imageObject(image: ImageRendition, alt: string) {
  return {
    '@type': 'ImageObject',
    url: image.url,
    contentUrl: image.url,
    width: image.width,
    height: image.height,
    encodingFormat: image.mime,
    ...(alt ? { description: alt } : {}),
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
          image: imageObject(cover.original, cover.alt),
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
