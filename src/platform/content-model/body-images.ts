/** A picture placed in a blocks body: the block holds the file's row (id, url, sizes), not a link Strapi keeps. */
export interface BodyImageBlock {
  type: 'image';
  image: { id: number; url?: unknown; formats?: unknown };
}

export const isBodyImage = (block: unknown): block is BodyImageBlock =>
  (block as { type?: unknown } | null)?.type === 'image' &&
  typeof (block as { image?: { id?: unknown } }).image?.id === 'number';

/** The files a blocks body shows. */
export function bodyImageIds(body: unknown): number[] {
  return Array.isArray(body) ? body.filter(isBodyImage).map((block) => block.image.id) : [];
}
