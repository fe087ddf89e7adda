import type { Core, Modules } from '@strapi/strapi';

/** The Document Service actions that change content; reads, counts and clones of a locale do not reach readers. */
const WRITE_ACTIONS: ReadonlySet<string> = new Set([
  'create',
  'update',
  'delete',
  'publish',
  'unpublish',
  'discardDraft',
]);

/** Whether a Document Service action writes content (what empties caches and re-projects the read model). */
export const isWrite = (action: string): boolean => WRITE_ACTIONS.has(action);

/**
 * Whether a Document Service call publishes. Only `publish` does: a create or update asked to publish (REST's
 * default, or `status: 'published'` from code) is split into the save and a `publish` of its own by
 * publishAsItsOwnStep, so every rule about publishing (review, cover text, correction dates, shared fields,
 * versions) sees the same action whichever way the release was published.
 */
export const isPublish = (context: { action: string }): boolean => context.action === 'publish';

type Params = { documentId?: string; status?: unknown; data?: unknown } & Record<string, unknown>;

/**
 * Document Service middleware, outermost: `create` or `update` with `status: 'published'` on a draft-and-publish
 * type is run as a draft save followed by the Document Service's own `publish`, in one transaction. Strapi's create
 * and update publish by calling publish() inside themselves, past every middleware, so a release published that way
 * would skip the rules that run on `publish`. The answer is what Strapi's would be: the published entry.
 */
export function publishAsItsOwnStep(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const params = context.params as Params | undefined;
    const asksToPublish =
      (context.action === 'create' || context.action === 'update') && params?.status === 'published';
    if (!asksToPublish || !strapi.getModel(context.uid)?.options?.draftAndPublish) return next();
    return strapi.db.transaction(async () => {
      params.status = 'draft';
      const saved = await next();
      const documentId = (saved as { documentId?: string } | null)?.documentId ?? params.documentId;
      if (!saved || !documentId) return saved;
      const { data: _data, status: _status, ...rest } = params;
      const published = await strapi.documents(context.uid).publish({ ...rest, documentId } as never);
      return published.entries[0] ?? saved;
    });
  };
}
