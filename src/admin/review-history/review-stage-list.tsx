import * as React from 'react';
import { SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useStageName } from './ReviewHistoryPanel';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';

interface ListHeader {
  name: string;
  attribute?: { type?: string; enum?: string[] };
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
}

/** An enumeration's value in the list, by its option's name in the panel's language (field-labels.ts). */
function EnumerationCell({ value }: { value: unknown }) {
  const optionName = useStageName();
  return <Typography textColor="neutral800">{typeof value === 'string' ? optionName(value) : '-'}</Typography>;
}

/**
 * The Content Manager's hook for the list's columns: an enumeration's column shows its options' names, as the edit
 * view does ("In review" or "На проверке", "Requested"), not the stored values (`in_review`, `requested`).
 */
export function nameEnumerationValues<T extends { displayedHeaders: ListHeader[] }>(args: T): T {
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((header) =>
      header.attribute?.type === 'enumeration'
        ? { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumerationCell value={row[header.name]} /> }
        : header,
    ),
  };
}

interface StageOption {
  label: string;
  value: string;
}

interface ListFilter {
  name: string;
  type?: string;
  label: string | { id: string; defaultMessage: string };
  options?: StageOption[];
  input?: React.ComponentType<StageFilterInputProps>;
}

interface StageFilterInputProps {
  name: string;
  options?: StageOption[];
  'aria-label'?: string;
}

/**
 * The filter's value: the stages by their names, as Strapi's own input for an enumeration offers them. Strapi names the
 * applied filter's value (its chip above the list) by the options only for a filter with an input of its own; with
 * Strapi's, the chip read "Review stage is in_review".
 */
function ReviewStageFilterInput({ name, options = [], 'aria-label': ariaLabel }: StageFilterInputProps) {
  const field = useField<string>(name);
  return (
    <SingleSelect
      aria-label={ariaLabel}
      value={field.value}
      onChange={(value: string | number) => field.onChange(name, String(value))}
    >
      {options.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
}

/**
 * The Content Manager's hook for the list's filters: it names a field's filter by the field's stored label (the
 * attribute's name), so the review stage's is named like its column, in the panel's language; and its value by the
 * stage's name (the options Strapi made, each named by the message whose id is the value: field-labels.ts).
 */
export function labelReviewStageFilter<T extends { displayedFilters: ListFilter[] }>(args: T): T {
  return {
    ...args,
    displayedFilters: args.displayedFilters.map((filter) => {
      if (filter.name !== 'reviewStage' || filter.type !== 'enumeration') return filter;
      const named = filter.label === 'reviewStage';
      return {
        ...filter,
        input: ReviewStageFilterInput,
        label: named
          ? { id: `content-manager.content-types.${PRESS_RELEASE_UID}.reviewStage`, defaultMessage: 'Review stage' }
          : filter.label,
      };
    }),
  };
}
