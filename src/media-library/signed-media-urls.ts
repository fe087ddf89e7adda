import type { Core } from '@strapi/strapi';

/**
 * Media URLs of public answers when files are in a private bucket (S3_ACL=private). Strapi signs them as it reads
 * (its upload plugin's Document Service middleware, its GraphQL media resolver), but the public read model stores
 * releases as JSON: it keeps the unsigned URLs (see `isProjecting` in the upload extension), and every read of it
 * signs them here, with Strapi's own `signFileUrls` (the same URLs, and `isUrlSigned`, Strapi's own path gives).
 * With the local disk or a public bucket there is nothing to sign: a read passes through untouched.
 */

type File = Record<string, unknown>;
type Release = { cover?: File | null; seo?: (Record<string, unknown> & { image?: File | null }) | null };
interface FileService {
  signFileUrls(file: File): Promise<File>;
}

export interface SignedMediaUrls {
  /** A release with its media URLs signed (the same object when nothing is signed). */
  release<T extends Release | null>(release: T): Promise<T>;
  releases<T extends Release>(releases: T[]): Promise<T[]>;
  /** A release, or an array of them, as JSON bytes (the read model's own), signed. */
  json(data: Buffer): Promise<Buffer>;
}

export function signedMediaUrls(strapi: Core.Strapi): SignedMediaUrls {
  // Asked once (the provider is configured at start); until the answer is known, reads wait for it.
  let privateStorage: boolean | undefined;
  const provider = () => strapi.plugin('upload').provider as { isPrivate(): boolean | Promise<boolean> };
  const signs = async (): Promise<boolean> => (privateStorage ??= Boolean(await provider().isPrivate()));
  const fileService = () => strapi.plugin('upload').service('file') as unknown as FileService;

  const sign = async <T extends Release>(release: T): Promise<T> => {
    const { signFileUrls } = fileService();
    const image = release.seo?.image;
    const [cover, signedImage] = await Promise.all([
      release.cover ? signFileUrls(release.cover) : release.cover,
      image ? signFileUrls(image) : image,
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
