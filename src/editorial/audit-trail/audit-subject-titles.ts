import type { Core, Modules, UID } from '@strapi/strapi';
import type { AuditSubject } from './audit-event';

/** The fields that name an entry to a person, in the order they are looked for (a release's is its headline). */
const TITLE_FIELDS = ['headline', 'title', 'name'];
const TITLE_LENGTH = 500;

type Attributes = Record<string, { type?: string } | undefined>;
const attributesOf = (strapi: Core.Strapi, type: string): Attributes =>
  (strapi.contentType(type as UID.ContentType)?.attributes ?? {}) as Attributes;

/** The text field that names a document of one of our content types (api::…, whose subjects are documentIds). */
export function titleFieldOf(strapi: Core.Strapi, type: string | undefined): string | undefined {
  if (!type?.startsWith('api::') || !strapi.contentType(type as UID.ContentType)) return undefined;
  const attributes = attributesOf(strapi, type);
  return TITLE_FIELDS.find((name) => ['string', 'text'].includes(attributes[name]?.type ?? ''));
}

interface TitleRow {
  documentId: string;
  locale?: string | null;
  publishedAt?: unknown;
  title: string;
}

/** Every stored version of the documents with its title, drafts (the latest words) first. */
async function titleRowsOf(strapi: Core.Strapi, type: string, documentIds: string[]): Promise<TitleRow[]> {
  const field = titleFieldOf(strapi, type);
  if (!field || documentIds.length === 0) return [];
  const attributes = attributesOf(strapi, type);
  const select = ['documentId', field, ...['locale', 'publishedAt'].filter((name) => attributes[name])];
  const rows = (await strapi.db
    .query(type as UID.ContentType)
    .findMany({ where: { documentId: { $in: documentIds } }, select })) as Record<string, unknown>[];
  return rows
    .filter((row) => typeof row[field] === 'string' && row[field] !== '')
    .map((row) => ({
      documentId: String(row.documentId),
      locale: row.locale as string | null | undefined,
      publishedAt: row.publishedAt,
      title: String(row[field]).slice(0, TITLE_LENGTH),
    }))
    .sort((a, b) => Number(Boolean(a.publishedAt)) - Number(Boolean(b.publishedAt)));
}

/** A subject's title among stored rows: its locale's when it names one, else any locale's. */
const titleAmong = (rows: readonly TitleRow[], subject: AuditSubject): string | undefined =>
  rows.find(
    (row) =>
      row.documentId === String(subject.id) &&
      (!subject.locale || subject.locale === '*' || row.locale === subject.locale),
  )?.title;

/**
 * The subjects, each document among them with its title as stored now (a subject that says its own keeps it).
 * Inside a write's transaction it reads what that write stored.
 */
export async function withStoredTitles(strapi: Core.Strapi, subjects: AuditSubject[]): Promise<AuditSubject[]> {
  const untitled = subjects.filter((subject) => !subject.title && subject.id !== undefined);
  const types = [...new Set(untitled.map((subject) => subject.type))].filter((type) => titleFieldOf(strapi, type));
  if (types.length === 0) return subjects;
  const rows = new Map<string, TitleRow[]>();
  for (const type of types as string[]) {
    const ids = untitled.filter((subject) => subject.type === type).map((subject) => String(subject.id));
    rows.set(type, await titleRowsOf(strapi, type, [...new Set(ids)]));
  }
  return subjects.map((subject) => {
    if (subject.title || !subject.type || !rows.has(subject.type)) return subject;
    const title = titleAmong(rows.get(subject.type) ?? [], subject);
    return title ? { ...subject, title } : subject;
  });
}

/** The titles of the documents a request deleted, read just before each deletion (by the request's Koa context). */
const titlesBeforeDeletion = new WeakMap<object, { type: string; rows: TitleRow[] }[]>();

/**
 * Document Service middleware: before a document is deleted in an HTTP request, keeps its titles for that request's
 * audit entry, which is recorded once the document is gone.
 */
export function keepTitlesOfDeletedDocuments(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const request = context.action === 'delete' ? strapi.requestContext.get() : undefined;
    const documentId = (context.params as { documentId?: unknown }).documentId;
    if (request && typeof documentId === 'string' && titleFieldOf(strapi, context.uid)) {
      // Taken before the read: a bulk deletion deletes its documents concurrently, in one request.
      let kept = titlesBeforeDeletion.get(request);
      if (!kept) titlesBeforeDeletion.set(request, (kept = []));
      kept.push({ type: context.uid, rows: await titleRowsOf(strapi, context.uid, [documentId]) });
    }
    return next();
  };
}

/** The subjects, each document the request deleted with the title it had. */
export function withTitlesBeforeDeletion(request: object, subjects: AuditSubject[]): AuditSubject[] {
  const kept = titlesBeforeDeletion.get(request);
  if (!kept) return subjects;
  return subjects.map((subject) => {
    if (subject.title) return subject;
    const rows = kept.filter((entry) => entry.type === subject.type).flatMap((entry) => entry.rows);
    const title = titleAmong(rows, subject);
    return title ? { ...subject, title } : subject;
  });
}
