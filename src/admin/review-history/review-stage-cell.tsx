import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useStageName } from './ReviewHistoryPanel';

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
