import type { PublicRelease } from '../../read-side/public-shape';
import { blocksToHtml } from '../release-html/blocks-to-html';
import { blocksToParagraphs } from '../../platform/content-model/paragraph-blocks';
import { releaseUrl } from '../../read-side/public-urls';
import { coverImageOf, type CoverImage } from '../../read-side/read-model/cover-image';
import { releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { releaseDescription } from '../../read-side/read-model/release-description';

type Named = { name: string; rel: string; uri?: string; literal?: string };

const RELATION = 'mentioned';

function named(entity: { name: string; uri: string | null }, literal: string): Named {
  return { name: entity.name, rel: RELATION, literal, ...(entity.uri ? { uri: entity.uri } : {}) };
}

/** The cover as an associated picture item: its alternative text, and every stored size as a rendition. */
function coverAssociation(cover: CoverImage) {
  return {
    name: 'cover',
    rel: 'cover',
    uri: cover.original.url,
    type: 'picture',
    ...(cover.alt ? { descriptions: [{ role: 'alt', contentType: 'text/plain', value: cover.alt }] } : {}),
    renditions: cover.renditions.map((size) => ({
      name: size.name,
      href: size.url,
      contentType: size.mime,
      width: size.width,
      height: size.height,
      ...(size.bytes !== undefined ? { sizeInBytes: size.bytes } : {}),
    })),
  };
}

/**
 * IPTC ninjs 3.1 for one published release in one locale. `uri` identifies the news item (one per document
 * and locale); the public page is in `altIds`. Only facts the release holds are written.
 */
export function releaseToNinjs(release: PublicRelease, settings: { siteUrl: string; apiUrl: string }) {
  const byKind = (kind: string) => release.entities.filter((entity) => entity.kind === kind);
  const literal = (entity: { name: string }) => entity.name;
  const plain = blocksToParagraphs(release.body).join('\n\n');
  const cover = coverImageOf(release, settings.apiUrl);
  const description = releaseDescription(release, 'summary');
  return {
    uri:
      `${settings.apiUrl}/api/press-releases/${release.documentId}/ninjs` +
      `?locale=${encodeURIComponent(release.locale)}`,
    type: 'text',
    profile: 'press-release',
    language: release.locale,
    versionCreated: releaseModifiedAt(release).toISOString(),
    firstCreated: new Date(release.createdAt).toISOString(),
    ...(release.issuedAt ? { contentCreated: new Date(`${release.issuedAt}T00:00:00Z`).toISOString() } : {}),
    pubStatus: 'usable',
    headlines: [
      { role: 'main', contentType: 'text/plain', value: release.headline },
      ...(release.kicker ? [{ role: 'kicker', contentType: 'text/plain', value: release.kicker }] : []),
    ],
    ...(description ? { descriptions: [{ role: 'summary', contentType: 'text/plain', value: description }] } : {}),
    bodies: [
      { role: 'main', contentType: 'text/html', value: blocksToHtml(release.body, settings.apiUrl) },
      { role: 'main', contentType: 'text/plain', value: plain, charCount: plain.length },
    ],
    people: byKind('person').map((e) => named(e, literal(e))),
    organisations: byKind('organisation').map((e) => named(e, literal(e))),
    places: byKind('place').map((e) => named(e, literal(e))),
    events: byKind('event').map((e) => named(e, literal(e))),
    subjects: release.topics.map((topic) => ({
      name: topic.name,
      rel: 'about',
      ...(topic.slug ? { literal: topic.slug } : {}),
    })),
    ...(release.source
      ? {
          infoSources: [
            {
              name: release.source.name,
              role: 'originator',
              literal: release.source.shortName,
              ...(release.source.url ? { uri: release.source.url } : {}),
            },
          ],
        }
      : {}),
    ...(cover ? { associations: [coverAssociation(cover)] } : {}),
    altIds: [
      { role: 'documentId', value: release.documentId },
      { role: 'slug', value: release.slug },
      { role: 'url', value: releaseUrl(settings.siteUrl, release.locale, release.slug) },
    ],
  };
}
