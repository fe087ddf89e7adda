import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { englishLabel, historyLabelId } from './history-labels';

/** The admin API of release versions (src/editorial/release-versions/release-versions-routes.ts). */
const VERSIONS_PATH = '/newsroom/release-versions';

interface VersionSummary {
  id: number;
  status: 'draft' | 'published';
  reason: string;
  savedAt: string;
  savedBy: { name: string | null; email: string | null };
}

interface VersionComparison {
  version: VersionSummary & { content: Record<string, unknown> };
  current: Record<string, unknown> | null;
  /** In the edit view's order. */
  fields: string[];
  changedFields: string[];
}

type Load<T> = { state: 'loading' } | { state: 'failed'; forbidden: boolean } | { state: 'ready'; data: T };

function useLabel() {
  const { formatMessage } = useIntl();
  return (key: string) => formatMessage({ id: historyLabelId(key), defaultMessage: englishLabel(key) });
}

/** Plain text of a field's value: a rich-text body as its text, lists joined, nothing as a dash. */
function shownValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((item) => item && typeof item === 'object' && 'children' in item))
      return value.map(textOf).join('\n\n');
    return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value, null, 1);
  return String(value);
}

function textOf(node: unknown): string {
  const { text, children } = (node ?? {}) as { text?: unknown; children?: unknown[] };
  if (typeof text === 'string') return text;
  return Array.isArray(children) ? children.map(textOf).join('') : '';
}

const cell: React.CSSProperties = { padding: '6px 8px', verticalAlign: 'top', whiteSpace: 'pre-wrap' };

function VersionList({ versions, onOpen }: { versions: VersionSummary[]; onOpen: (id: number) => void }) {
  const label = useLabel();
  const { formatDate } = useIntl();
  if (versions.length === 0) return <Typography>{label('empty')}</Typography>;
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="release-history-list">
      <thead>
        <tr>
          {['savedAt', 'savedBy', 'reason'].map((key) => (
            <th key={key} style={{ ...cell, textAlign: 'left' }}>
              <Typography variant="sigma">{label(key)}</Typography>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.id} data-testid="release-history-version" data-reason={version.reason}>
            <td style={cell}>
              <Button variant="ghost" size="S" onClick={() => onOpen(version.id)}>
                {formatDate(version.savedAt, { dateStyle: 'medium', timeStyle: 'medium' })}
              </Button>
            </td>
            <td style={cell}>
              <Typography>{version.savedBy.name ?? label('nobody')}</Typography>
            </td>
            <td style={cell}>
              <Typography>{label(`reason.${version.reason}`)}</Typography>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VersionBesideDraft({ comparison }: { comparison: VersionComparison }) {
  const label = useLabel();
  const { formatMessage } = useIntl();
  const { version, current, fields, changedFields } = comparison;
  const fieldName = (field: string) =>
    formatMessage({ id: `content-manager.content-types.${PRESS_RELEASE_UID}.${field}`, defaultMessage: field });
  return (
    <Box>
      {changedFields.length === 0 ? <Typography>{label('noChanges')}</Typography> : null}
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="release-history-comparison">
        <thead>
          <tr>
            {['field', 'version', 'current'].map((key) => (
              <th key={key} style={{ ...cell, textAlign: 'left', width: key === 'field' ? '20%' : '40%' }}>
                <Typography variant="sigma">{label(key)}</Typography>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const changed = changedFields.includes(field);
            return (
              <tr
                key={field}
                data-testid="release-history-field"
                data-field={field}
                data-changed={changed ? 'true' : 'false'}
                style={changed ? { background: '#fdf4dc' } : undefined}
              >
                <td style={cell}>
                  <Typography fontWeight="bold">{fieldName(field)}</Typography>
                  {changed ? <Typography textColor="warning600"> · {label('changed')}</Typography> : null}
                </td>
                <td style={cell}>
                  <Typography>{shownValue(version.content[field])}</Typography>
                </td>
                <td style={cell}>
                  <Typography>{shownValue(current?.[field])}</Typography>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Box>
  );
}

/** The history of one locale of a release: its versions, one beside the draft, and restoring it into the draft. */
export function ReleaseHistory({ documentId, locale }: { documentId: string; locale: string }) {
  const label = useLabel();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [list, setList] = React.useState<Load<VersionSummary[]>>({ state: 'loading' });
  const [opened, setOpened] = React.useState<Load<VersionComparison> | null>(null);
  const [restoring, setRestoring] = React.useState(false);
  const query = `?locale=${encodeURIComponent(locale)}`;
  const failed = (error: unknown) => ({
    state: 'failed' as const,
    forbidden: (error as { status?: number; response?: { status?: number } })?.response?.status === 403,
  });

  React.useEffect(() => {
    get<{ data: VersionSummary[] }>(`${VERSIONS_PATH}/${documentId}${query}`).then(
      (response) => setList({ state: 'ready', data: response.data.data }),
      (error) => setList(failed(error)),
    );
  }, [documentId, query]);

  const open = (id: number) => {
    setOpened({ state: 'loading' });
    get<{ data: VersionComparison }>(`${VERSIONS_PATH}/${documentId}/${id}${query}`).then(
      (response) => setOpened({ state: 'ready', data: response.data.data }),
      (error) => setOpened(failed(error)),
    );
  };

  const restore = async (id: number) => {
    setRestoring(true);
    try {
      await post(`${VERSIONS_PATH}/${documentId}/${id}/restore${query}`, {});
      toggleNotification({ type: 'success', message: label('restored') });
      // The edit view's form holds the old draft: open it again with the restored one.
      window.location.reload();
    } catch {
      toggleNotification({ type: 'danger', message: label('restoreFailed') });
      setRestoring(false);
    }
  };

  const status = (load: Load<unknown>) =>
    load.state === 'loading' ? (
      <Typography>{label('loading')}</Typography>
    ) : load.state === 'failed' ? (
      <Typography textColor="danger600">{label(load.forbidden ? 'forbidden' : 'failed')}</Typography>
    ) : null;

  if (opened) {
    return (
      <Flex direction="column" alignItems="stretch" gap={4} data-testid="release-history">
        <Flex gap={2}>
          <Button variant="tertiary" onClick={() => setOpened(null)}>
            {label('back')}
          </Button>
          {opened.state === 'ready' ? (
            <Button loading={restoring} onClick={() => restore(opened.data.version.id)}>
              {label('restore')}
            </Button>
          ) : null}
        </Flex>
        {opened.state === 'ready' ? (
          <>
            <Typography variant="pi" textColor="neutral600">
              {label('restoreHint')}
            </Typography>
            <VersionBesideDraft comparison={opened.data} />
          </>
        ) : (
          status(opened)
        )}
      </Flex>
    );
  }
  return (
    <Box data-testid="release-history">
      {list.state === 'ready' ? <VersionList versions={list.data} onOpen={open} /> : status(list)}
    </Box>
  );
}
