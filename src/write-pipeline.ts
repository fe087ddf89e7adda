import type { Core, Modules } from '@strapi/strapi';
import { publishAsItsOwnStep } from './platform/content-model/document-writes';
import { uniqueSlugMiddleware } from './editorial/slugs/unique-slug-middleware';
import { strapiPathGuard } from './read-side/read-model/strapi-path-guard';
import { clearResponseCacheOnWrite } from './delivery/http-cache/clear-on-write-middleware';
import { responseCacheFor } from './delivery/http-cache/response-cache-registry';
import { deleteUnusedMediaWithRelease } from './editorial/media-library/unused-media-on-delete';
import { readModelSyncMiddleware } from './delivery/on-write/read-model-sync';
import { reviewWorkflowMiddleware } from './editorial/review-workflow/review-workflow-middleware';
import { recordReleaseVersions } from './editorial/release-versions/record-release-versions';
import { coverAltTextOnPublish } from './editorial/media-library/cover-alt-text-on-publish';
import { syncSharedFieldsOnPublish } from './editorial/shared-fields/shared-fields-on-publish';
import { dateCorrectionsOnPublish } from './editorial/corrections/date-corrections-on-publish';
import { keepTitlesOfDeletedDocuments } from './editorial/audit-trail/audit-subject-titles';
import { accreditationDecisions } from './press-access/accreditations';

type Middleware = Modules.Documents.Middleware.Middleware;

/** Where a step runs relative to the transaction the read model's sync opens around every content write. */
type Placement = 'outside the transaction' | 'opens the transaction' | 'inside the transaction';

export interface WriteStep {
  name: string;
  placement: Placement;
  /** Why it stands where it stands. */
  why: string;
  middleware: (strapi: Core.Strapi) => Middleware;
  /** Left out in the tests' stock mode (src/read-side/stock-reads.ts), whose reads are Strapi's own. */
  publicReadsOnly?: true;
}

/**
 * Every Document Service middleware, outermost first: Strapi runs them in the order they are registered, each
 * around the ones after it, and a step's own work after `next()` runs once the steps inside it are done.
 */
export const WRITE_PIPELINE: readonly WriteStep[] = [
  {
    name: 'accreditation requests and decisions',
    placement: 'outside the transaction',
    why: 'accreditations only: opens its own transaction, so a decision and its audit entry are stored together',
    middleware: accreditationDecisions,
  },
  {
    name: 'unique slug',
    placement: 'outside the transaction',
    why: 'fills and checks the slug before anything else reads the data',
    middleware: uniqueSlugMiddleware,
  },
  {
    name: "guard on Strapi's own read path",
    placement: 'outside the transaction',
    why: 'a public read through the Document Service answers from the read model, and goes no further',
    middleware: strapiPathGuard,
    publicReadsOnly: true,
  },
  {
    name: 'response cache cleared on write',
    placement: 'outside the transaction',
    why: 'the cache empties once the write and its read-model rows are committed (and again at the commit)',
    middleware: (strapi) => clearResponseCacheOnWrite(strapi, responseCacheFor(strapi)),
  },
  {
    name: 'unused media deleted with a release',
    placement: 'outside the transaction',
    why: "files go only once the release's deletion is committed",
    middleware: deleteUnusedMediaWithRelease,
  },
  {
    name: 'read model in step',
    placement: 'opens the transaction',
    why: "the release's public rows are written in the write's own transaction; CDN purge and go-live after commit",
    middleware: readModelSyncMiddleware,
  },
  {
    name: 'publish as its own step',
    placement: 'inside the transaction',
    why: 'a create or update asked to publish is saved, then published through this whole pipeline again',
    middleware: publishAsItsOwnStep,
  },
  {
    name: 'review workflow',
    placement: 'inside the transaction',
    why: 'a refused stage move or publish is taken back whole',
    middleware: reviewWorkflowMiddleware,
  },
  {
    name: 'release versions',
    placement: 'inside the transaction',
    why: 'a version exists exactly when its write was committed',
    middleware: recordReleaseVersions,
  },
  {
    name: 'cover alternative text on publish',
    placement: 'inside the transaction',
    why: 'a refused publish is taken back whole',
    middleware: coverAltTextOnPublish,
  },
  {
    name: 'shared fields on publish',
    placement: 'inside the transaction',
    why: "inside the read model's sync, so that the rows it writes carry the shared fields this writes",
    middleware: syncSharedFieldsOnPublish,
  },
  {
    name: 'correction dates on publish',
    placement: 'inside the transaction',
    why: 'dates a correction note on the draft before Strapi copies the draft into the published version',
    middleware: dateCorrectionsOnPublish,
  },
  {
    name: 'titles of deleted documents for the audit trail',
    placement: 'inside the transaction',
    why: "reads a document's title just before its deletion: the audit entry, recorded afterwards, names it by it",
    middleware: keepTitlesOfDeletedDocuments,
  },
];

/** Registers the pipeline, in its order. */
export function registerWritePipeline(strapi: Core.Strapi, { stock }: { stock: boolean }): void {
  for (const step of WRITE_PIPELINE) {
    if (stock && step.publicReadsOnly) continue;
    strapi.documents.use(step.middleware(strapi));
  }
}
