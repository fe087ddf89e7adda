import type { Core } from '@strapi/strapi';
import { settings, signedUrlReuseSeconds } from '../../platform/settings/newsroom-settings';

/**
 * Media URLs of public answers when files are in a private bucket (S3_ACL=private). Strapi signs them as it reads
 * (its upload plugin's Document Service middleware, its GraphQL media resolver), but the public read model stores
 * releases as JSON: it keeps the unsigned URLs (see `isProjecting` in the upload extension), and every read of it
 * signs them here, through the upload provider, in the shape Strapi's `signFileUrls` gives (`url` and each format's
 * signed, `isUrlSigned`). With the local disk or a public bucket there is nothing to sign: a read passes through.
 *
 * A signature costs the AWS SDK over half a millisecond of CPU, and a list page shows up to ten files per release,
 * so a signed URL is reused for `signedUrlReuseSeconds` (the settings keep cached answers short enough for that).
 */

type File = { url?: unknown; provider?: unknown; isUrlSigned?: boolean; formats?: Record<string, File> | null };
type Release = { cover?: File | null; seo?: (Record<string, unknown> & { image?: File | null }) | null };
interface UploadProvider {
  isPrivate(): boolean | Promise<boolean>;
  getSignedUrl(file: File): Promise<{ url: string }>;
}

/** Signed URLs kept for reuse, per app: past this many, the oldest are forgotten. */
const REMEMBERED_URLS = 10_000;

export interface SignedMediaUrls {
  /** A release with its media URLs signed (the same object when nothing is signed). */
  release<T extends Release | null>(release: T): Promise<T>;
  releases<T extends Release>(releases: T[]): Promise<T[]>;
  /** A release, or an array of them, as JSON bytes (the read model's own), signed. */
  json(data: Buffer): Promise<Buffer>;
}

export function signedMediaUrls(strapi: Core.Strapi): SignedMediaUrls {
  const reuseMs = signedUrlReuseSeconds(settings()) * 1000;
  const provider = () => strapi.plugin('upload').provider as unknown as UploadProvider;
  // Asked once (the provider is configured at start); until the answer is known, reads wait for it.
  let privateStorage: boolean | undefined;
  const signs = async (): Promise<boolean> => (privateStorage ??= Boolean(await provider().isPrivate()));
  const remembered = new Map<string, { signed: string; until: number }>();

  const signedUrl = async (version: File): Promise<string> => {
    const url = String(version.url);
    const now = Date.now();
    const known = remembered.get(url);
    if (known && known.until > now) return known.signed;
    const { url: signed } = await provider().getSignedUrl(version);
    remembered.delete(url);
    remembered.set(url, { signed, until: now + reuseMs });
    if (remembered.size > REMEMBERED_URLS) remembered.delete(remembered.keys().next().value as string);
    return signed;
  };

  /** Strapi's `signFileUrls`: files of another provider (stored before a switch) keep their URL. */
  const signFile = async (file: File): Promise<File> => {
    const { provider: storedBy } = strapi.config.get('plugin::upload') as { provider?: string };
    if (file.provider !== storedBy) return { ...file, isUrlSigned: false };
    const formats = file.formats
      ? Object.fromEntries(
          await Promise.all(
            Object.entries(file.formats).map(async ([name, format]) => [
              name,
              { ...format, url: await signedUrl(format), isUrlSigned: true },
            ]),
          ),
        )
      : file.formats;
    return { ...file, url: await signedUrl(file), isUrlSigned: true, formats };
  };

  const sign = async <T extends Release>(release: T): Promise<T> => {
    const image = release.seo?.image;
    const [cover, signedImage] = await Promise.all([
      release.cover ? signFile(release.cover) : release.cover,
      image ? signFile(image) : image,
    ]);
    const seo = image ? { ...release.seo, image: signedImage } : release.seo;
    return { ...release, cover, seo };
  };

  return {
    async release(release) {
      return release && (await signs()) ? sign(release) : release;
    },
    async releases(releases) {
      return (await signs()) ? Promise.all(releases.map(sign)) : releases;
    },
    async json(data) {
      if (!(await signs())) return data;
      const parsed = JSON.parse(data.toString('utf8')) as Release | Release[];
      const signed = Array.isArray(parsed) ? await Promise.all(parsed.map(sign)) : await sign(parsed);
      return Buffer.from(JSON.stringify(signed));
    },
  };
}
