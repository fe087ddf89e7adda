import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useStageName } from './ReviewHistoryPanel';

const RELEASE_UID = 'api::press-release.press-release';

interface ListHeader {
  name: string;
  attribute?: { type?: string; enum?: string[] };
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
}

/** A review stage in the list, by its name in the panel's language. */
function ReviewStageCell({ stage }: { stage: unknown }) {
  const stageName = useStageName();
  return <Typography textColor="neutral800">{typeof stage === 'string' ? stageName(stage) : '-'}</Typography>;
}

/**
 * The Content Manager's hook for the list's columns: the review stage column shows "In review" (or "На проверке"),
 * not `in_review`. Only press releases have a `reviewStage` enumeration.
 */
export function nameReviewStages<T extends { displayedHeaders: ListHeader[] }>(args: T): T {
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((header) =>
      header.name === 'reviewStage' && header.attribute?.type === 'enumeration'
        ? { ...header, cellFormatter: (row: Record<string, unknown>) => <ReviewStageCell stage={row.reviewStage} /> }
        : header,
    ),
  };
}

interface ListFilter {
  name: string;
  type?: string;
  label: string | { id: string; defaultMessage: string };
}

/**
 * The Content Manager's hook for the list's filters: it names a field's filter by the field's stored label (the
 * attribute's name), so the review stage's is named like its column, in the panel's language.
 */
export function labelReviewStageFilter<T extends { displayedFilters: ListFilter[] }>(args: T): T {
  return {
    ...args,
    displayedFilters: args.displayedFilters.map((filter) =>
      filter.name === 'reviewStage' && filter.type === 'enumeration' && filter.label === 'reviewStage'
        ? {
            ...filter,
            label: { id: `content-manager.content-types.${RELEASE_UID}.reviewStage`, defaultMessage: 'Review stage' },
          }
        : filter,
    ),
  };
}
