import type { PublicRelease } from '../../read-side/public-shape';
import type { WithdrawnRelease } from '../../read-side/read-model/withdrawn-releases';
import { releaseCorrectedAt, releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { correctionKey, type CorrectionsInPreparation } from '../../read-side/read-model/corrections-in-preparation';
import { settings, type Settings } from '../../platform/settings/newsroom-settings';
import { MEDIA_TOPIC_PATTERN, mediaTopicUri } from '../../platform/content-model/media-topic';

/**
 * What ninjs and NewsML-G2 both say about a release in IPTC's terms, worked out once: its genre, its publication
 * status, its editor's note, its rights, and the identifiers of its topics. Only facts the newsroom holds are
 * written; a statement it has no data for is left out rather than guessed.
 */

/** IPTC Genre NewsCodes (http://cv.iptc.org/newscodes/genre/): what every release of this service is. */
export const PRESS_RELEASE_GENRE = {
  qcode: 'genre:Press_Release',
  uri: 'http://cv.iptc.org/newscodes/genre/Press_Release',
  name: 'Press Release',
} as const;

/**
 * An item's publication status (IPTC's pubstatusg2 codes). A release the public read model answers is usable, or
 * withheld while a correction of it is in preparation (read-model/corrections-in-preparation.ts); a
 * withdrawn one answers canceled for a while (withdrawnVersion, withdrawalNote).
 */
export interface ItemStatus {
  pubStatus: 'usable' | 'withheld' | 'canceled';
  note?: string;
  /** When the status began, if after the release's last change: the item's version then moves with it. */
  since?: Date;
}

export const USABLE: ItemStatus = { pubStatus: 'usable' };

export const WITHHELD_NOTE =
  'A correction of this release is being prepared: hold it until the corrected version is sent.';

/** A release's status as agencies get it: withheld since its correction has been in preparation, else usable. */
export function releaseStatus(
  release: { documentId: string; locale: string },
  corrections: CorrectionsInPreparation,
): ItemStatus {
  const since = corrections.get(correctionKey(release));
  return since ? { pubStatus: 'withheld', note: WITHHELD_NOTE, since } : USABLE;
}

/** The moment an item last changed: its release's last change, or a later change of its status. */
export const statusModifiedAt = (release: PublicRelease, status: ItemStatus): Date => {
  const modified = releaseModifiedAt(release);
  return status.since && status.since > modified ? status.since : modified;
};

/** The rights statements of the newsroom's settings (RIGHTS_*): each undefined while its setting is empty. */
export interface RightsStatement {
  copyrightNotice?: string;
  usageTerms?: string;
  url?: string;
}

export function rightsStatement(values: Settings = settings()): RightsStatement {
  return {
    ...(values.RIGHTS_COPYRIGHT_NOTICE ? { copyrightNotice: values.RIGHTS_COPYRIGHT_NOTICE } : {}),
    ...(values.RIGHTS_USAGE_TERMS ? { usageTerms: values.RIGHTS_USAGE_TERMS } : {}),
    ...(values.RIGHTS_URL ? { url: values.RIGHTS_URL } : {}),
  };
}

/** The note to editors receiving the item: the status's own note, then the release's correction, if any. */
export function editorsNote(release: PublicRelease, status: ItemStatus): string | undefined {
  const correction = releaseCorrectedAt(release) ? release.correction?.trim() : undefined;
  const notes = [status.note?.trim(), correction].filter((note): note is string => Boolean(note));
  return notes.length > 0 ? notes.join('\n\n') : undefined;
}

/** Where a topic, entity or source of ours answers on the public API: its identifier in our own schemes. */
export const ownSchemeUri = (apiUrl: string, kind: 'topics' | 'entities' | 'sources') => `${apiUrl}/api/${kind}/`;

/** A topic's IPTC Media Topic, when it carries a well-formed code. */
export function mediaTopicOf(topic: PublicRelease['topics'][number]): { qcode: string; uri: string } | undefined {
  const code = topic.mediaTopic?.trim();
  return code && MEDIA_TOPIC_PATTERN.test(code) ? { qcode: code, uri: mediaTopicUri(code) } : undefined;
}

/** A withdrawn release's item version: past the last one agencies had, at the second it was withdrawn. */
export const withdrawnVersion = (withdrawn: WithdrawnRelease) =>
  Math.max(Math.floor(withdrawn.lastVersion.getTime() / 1000) + 1, Math.floor(withdrawn.withdrawnAt.getTime() / 1000));

/** The note to editors on a withdrawn release's canceled item. */
export const withdrawalNote = (withdrawn: WithdrawnRelease) =>
  `Withdrawn by the press office on ${withdrawn.withdrawnAt.toISOString().slice(0, 10)}: do not use this release.`;
