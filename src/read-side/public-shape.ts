/**
 * The public shape of a press release: what one public read returns, decided here rather than by the client
 * (as in strapi/LaunchPad), so that no client can ask for more depth, other relations or another status.
 * The read model stores each release in this shape; Strapi's own path uses the same populate.
 */
export const PUBLIC_RELEASE_RELATIONS = {
  source: { fields: ['name', 'shortName', 'url'] },
  topics: { fields: ['name', 'slug', 'locale', 'mediaTopic'] },
  entities: { fields: ['name', 'kind', 'uri', 'locale'] },
  cover: true,
  seo: { populate: { image: true } },
} as const;

/** A release's other public locales, as listed in its `localizations`. */
export const PUBLIC_LOCALIZATION_FIELDS = ['locale', 'slug', 'headline'] as const;

export const PUBLIC_RELEASE_POPULATE = {
  ...PUBLIC_RELEASE_RELATIONS,
  localizations: { fields: PUBLIC_LOCALIZATION_FIELDS },
} as const;

/** Newest first: the public order of every list. */
export const PUBLIC_RELEASE_SORT = ['publishedAt:desc', 'id:desc'];

/** A stored picture or one of its sizes, as Strapi's upload plugin describes it. */
export interface PublicImageFile {
  url: string;
  mime?: string | null;
  width?: number | null;
  height?: number | null;
  /** Kilobytes, as Strapi stores them. */
  size?: number | null;
  sizeInBytes?: number | null;
  /** The photo's rights (src/editorial/media-library/photo-rights-fields.ts), on the original's entry. */
  creator?: string | null;
  creditLine?: string | null;
  copyrightNotice?: string | null;
  licenseUrl?: string | null;
}

/** Strapi's responsive sizes of a picture, by name (thumbnail, small, medium, large). */
export type PublicImageFormats = Record<string, PublicImageFile>;

/** A release as the public sees it (the fields other formats read; the JSON carries every public field). */
export interface PublicRelease {
  id: number;
  documentId: string;
  locale: string;
  slug: string;
  kicker: string | null;
  headline: string;
  lead: string | null;
  body: unknown;
  dateline: string | null;
  embargoUntil: string | null;
  issuedAt: string | null;
  publishedAt: string;
  updatedAt: string;
  createdAt: string;
  source: { documentId: string; name: string; shortName: string; url: string | null } | null;
  topics: { documentId: string; name: string; slug: string | null; locale: string; mediaTopic?: string | null }[];
  entities: { documentId: string; name: string; kind: string; uri: string | null; locale: string }[];
  cover: (PublicImageFile & { id: number; alternativeText: string | null; formats?: PublicImageFormats | null }) | null;
  seo: {
    image?: (PublicImageFile & { id: number }) | null;
    metaDescription?: string | null;
    [field: string]: unknown;
  } | null;
  localizations: { id: number; documentId: string; locale: string; slug: string; headline: string }[];
  /** What was corrected after publication, and when (src/editorial/corrections). */
  correction?: string | null;
  correctedAt?: string | null;
}
