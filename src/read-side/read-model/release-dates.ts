/**
 * When a release was published, as every channel dates it: JSON-LD's `datePublished`, the page's
 * `article:published_time` and the date it shows readers, a feed item's `published`. Strapi's `publishedAt` of the
 * public version (the text of a release carries no date of its own; `issuedAt` is the day the issuer dated it,
 * written as JSON-LD's `dateCreated`).
 */
export function releasePublishedAt(release: { publishedAt: string | Date }): Date {
  return new Date(release.publishedAt);
}
