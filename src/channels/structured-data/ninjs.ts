import type { PublicRelease } from '../../read-side/public-shape';
import { blocksToHtml } from '../release-html/blocks-to-html';
import { blocksToParagraphs } from '../../platform/content-model/paragraph-blocks';
import { releaseUrl } from '../../read-side/public-urls';
import { coverImageOf, type CoverImage } from '../../read-side/read-model/cover-image';
import { releaseDescription } from '../../read-side/read-model/release-description';
import {
  editorsNote,
  mediaTopicOf,
  ownSchemeUri,
  PRESS_RELEASE_GENRE,
  rightsStatement,
  statusModifiedAt,
  USABLE,
  withdrawalNote,
  type ItemStatus,
  type RightsStatement,
} from './wire-terms';
import type { WithdrawnRelease } from '../../read-side/read-model/withdrawn-releases';

type Named = { name: string; rel: string; uri?: string; literal?: string };

const RELATION = 'mentioned';

function named(entity: { name: string; uri: string | null }, literal: string): Named {
  return { name: entity.name, rel: RELATION, literal, ...(entity.uri ? { uri: entity.uri } : {}) };
}

/** A rights URL as ninjs's `rightsInfo`. */
const linkedRights = (url: string | undefined) => (url ? { rightsInfo: { linkedRights: url } } : {});

/**
 * The cover as an associated picture item: its alternative text, its creator, credit and rights where the file
 * says (ninjs has no credit field: the credit line is an info source in the role `credit`), and every stored size
 * as a rendition.
 */
function coverAssociation(cover: CoverImage) {
  const rights = cover.rights ?? {};
  return {
    name: 'cover',
    rel: 'cover',
    uri: cover.original.url,
    type: 'picture',
    ...(cover.alt ? { descriptions: [{ role: 'alt', contentType: 'text/plain', value: cover.alt }] } : {}),
    ...(rights.creator ? { by: rights.creator } : {}),
    ...(rights.copyrightNotice ? { copyrightNotice: rights.copyrightNotice } : {}),
    ...linkedRights(rights.licenseUrl),
    ...(rights.credit ? { infoSources: [{ name: rights.credit, role: 'credit' }] } : {}),
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

/** A topic as ninjs subjects: ours (its URI on the API, its slug), then its IPTC Media Topic if it has one. */
function topicSubjects(topic: PublicRelease['topics'][number], apiUrl: string) {
  const mediaTopic = mediaTopicOf(topic);
  return [
    {
      name: topic.name,
      rel: 'about',
      uri: `${ownSchemeUri(apiUrl, 'topics')}${encodeURIComponent(topic.documentId)}`,
      ...(topic.slug ? { literal: topic.slug } : {}),
    },
    ...(mediaTopic ? [{ name: topic.name, rel: 'about', uri: mediaTopic.uri, literal: mediaTopic.qcode }] : []),
  ];
}

/** The release's rights: its source holds the copyright; notice, terms and link come from the settings. */
function releaseRights(release: PublicRelease, rights: RightsStatement) {
  return {
    ...(release.source ? { copyrightHolder: release.source.name } : {}),
    ...(rights.copyrightNotice ? { copyrightNotice: rights.copyrightNotice } : {}),
    ...(rights.usageTerms ? { usageTerms: rights.usageTerms } : {}),
    ...linkedRights(rights.url),
  };
}

/** What a release's ninjs document is, published or withdrawn: its `uri` (one per document and locale) and kind. */
const ninjsIdentity = (apiUrl: string, release: { documentId: string; locale: string }) => ({
  uri: `${apiUrl}/api/press-releases/${release.documentId}/ninjs?locale=${encodeURIComponent(release.locale)}`,
  type: 'text',
  profile: 'press-release',
  language: release.locale,
});

const GENRES = [{ name: PRESS_RELEASE_GENRE.name, uri: PRESS_RELEASE_GENRE.uri, literal: PRESS_RELEASE_GENRE.qcode }];

/**
 * IPTC ninjs 3.1 for one published release in one locale. `uri` identifies the news item (one per document
 * and locale); the public page is in `altIds`. Only facts the release holds are written. `status` is usable, or
 * withheld while a correction is in preparation (see ItemStatus).
 */
export function releaseToNinjs(
  release: PublicRelease,
  settings: { siteUrl: string; apiUrl: string; rights?: RightsStatement },
  status: ItemStatus = USABLE,
) {
  const byKind = (kind: string) => release.entities.filter((entity) => entity.kind === kind);
  const literal = (entity: { name: string }) => entity.name;
  const plain = blocksToParagraphs(release.body).join('\n\n');
  const cover = coverImageOf(release, settings.apiUrl);
  const description = releaseDescription(release, 'summary');
  const edNote = editorsNote(release, status);
  return {
    ...ninjsIdentity(settings.apiUrl, release),
    versionCreated: statusModifiedAt(release, status).toISOString(),
    firstCreated: new Date(release.createdAt).toISOString(),
    ...(release.issuedAt ? { contentCreated: new Date(`${release.issuedAt}T00:00:00Z`).toISOString() } : {}),
    pubStatus: status.pubStatus,
    ...releaseRights(release, settings.rights ?? rightsStatement()),
    ...(edNote ? { edNote } : {}),
    genres: GENRES,
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
    subjects: release.topics.flatMap((topic) => topicSubjects(topic, settings.apiUrl)),
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

/**
 * A withdrawn release in ninjs: the same `uri` as its published document, `pubStatus` canceled with the note, and
 * who it was (its headline), never its text.
 */
export function withdrawnToNinjs(withdrawn: WithdrawnRelease, settings: { apiUrl: string }) {
  return {
    ...ninjsIdentity(settings.apiUrl, withdrawn),
    versionCreated: withdrawn.withdrawnAt.toISOString(),
    pubStatus: 'canceled',
    edNote: withdrawalNote(withdrawn),
    genres: GENRES,
    ...(withdrawn.headline
      ? { headlines: [{ role: 'main', contentType: 'text/plain', value: withdrawn.headline }] }
      : {}),
  };
}
