import type { Core, Modules } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';
import { refreshSearchRows } from './search-index';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * Document Service middleware: after any write to a press release (admin panel, API, importer), its
 * search rows are rebuilt from its published rows, in the same transaction when there is one.
 */
export function searchIndexMiddleware(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID || !WRITES.has(context.action)) return next();
    const result = await next();
    const params = context.params as { documentId?: string };
    const documentId =
      params.documentId ?? (result && typeof result === 'object' && 'documentId' in result ? String(result.documentId) : undefined);
    if (documentId) await refreshSearchRows(strapi, documentId);
    return result;
  };
}
