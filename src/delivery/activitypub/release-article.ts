import { Temporal } from '@js-temporal/polyfill';
import { escapeUTF8 as escape } from 'entities';
import { Article, Create, Delete, Image, LanguageString, PUBLIC_COLLECTION, Tombstone, Update } from '@fedify/vocab';
import type { PublicRelease } from '../../read-side/public-shape';
import { coverImageOf } from '../../read-side/read-model/cover-image';
import { releasePublishedAt } from '../../read-side/read-model/release-dates';

/**
 * A public release as the fediverse sees it: an `Article` (Mastodon shows its name, its link and the start of its
 * content) with the headline, the lead, a link to the article on the public website, and the cover with its
 * alternative text, in the release's language. Built from the public shape only: nothing else can federate.
 */

export interface ArticleContext {
  /** The article's own URI (its object dispatcher answers there while the release is live). */
  id: URL;
  actor: URL;
  followers: URL;
  /** The release on the public website. */
  pageUrl: string;
  apiUrl: string;
}

export function releaseArticle(release: PublicRelease, context: ArticleContext): Article {
  const cover = coverImageOf(release, context.apiUrl);
  const link = `<p><a href="${escape(context.pageUrl)}">${escape(context.pageUrl)}</a></p>`;
  const html = (release.lead ? `<p>${escape(release.lead)}</p>` : '') + link;
  return new Article({
    id: context.id,
    attribution: context.actor,
    to: PUBLIC_COLLECTION,
    cc: context.followers,
    name: new LanguageString(release.headline, release.locale),
    content: new LanguageString(html, release.locale),
    url: new URL(context.pageUrl),
    published: Temporal.Instant.from(releasePublishedAt(release).toISOString()),
    updated: Temporal.Instant.from(new Date(release.updatedAt).toISOString()),
    attachments: cover
      ? [new Image({ url: new URL(cover.original.url), mediaType: cover.original.mime, name: cover.alt || null })]
      : [],
  });
}

export type ReleaseActivity = 'Create' | 'Update' | 'Delete';

/** An activity's id: the article's, with what happened and to which version (one id per change, never reused). */
export const activityId = (article: URL, activity: ReleaseActivity, version: Date): URL =>
  new URL(`${article.href}#${activity.toLowerCase()}-${version.getTime()}`);

/** Create or Update of a live release's article, addressed to the public and the followers. */
export function articleActivity(
  activity: 'Create' | 'Update',
  article: Article,
  version: Date,
  actor: URL,
): Create | Update {
  const Activity = activity === 'Create' ? Create : Update;
  return new Activity({
    id: activityId(article.id as URL, activity, version),
    actor,
    object: article,
    to: PUBLIC_COLLECTION,
    ccs: article.ccIds,
    published: Temporal.Instant.from(version.toISOString()),
  });
}

/** The article is gone (unpublished, deleted, withdrawn): followers' servers drop their copy. */
export function articleDeleted(article: URL, version: Date, actor: URL, followers: URL): Delete {
  return new Delete({
    id: activityId(article, 'Delete', version),
    actor,
    object: new Tombstone({ id: article }),
    to: PUBLIC_COLLECTION,
    cc: followers,
  });
}
