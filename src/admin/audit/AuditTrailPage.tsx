import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Main, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, useAuth, useFetchClient } from '@strapi/strapi/admin';
// The server's description of an entry (a type only: nothing of the server's code is bundled).
import type { AuditEntry } from '../../editorial/audit-trail/audit-log-query';
import { download } from '../files/download';

interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

const FILTERS = ['user', 'documentId', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const NO_FILTERS: Filters = { user: '', documentId: '', action: '', from: '', to: '' };
const API = '/admin/audit-events';

/** The filters as the API takes them: empty ones left out, local date-times sent as instants. */
function queryOf(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = filters[name].trim();
    if (!value) continue;
    query[name] = name === 'from' || name === 'to' ? new Date(value).toISOString() : value;
  }
  return query;
}

/**
 * What an entry was about: a release by its headline as it was when the entry was recorded (so a deleted release
 * keeps its name), with its documentId and locale beneath and the whole raw subject on hover.
 */
function Subject({ subject }: { subject: AuditEntry['subject'] }) {
  const raw = [subject.type, subject.id, subject.locale].filter(Boolean).join(' · ');
  if (!subject.title) return <Typography>{raw}</Typography>;
  return (
    <Flex direction="column" alignItems="flex-start" title={raw}>
      <Typography fontWeight="semiBold">{subject.title}</Typography>
      <Typography variant="pi" textColor="neutral600">
        {[subject.id, subject.locale].filter(Boolean).join(' · ')}
      </Typography>
    </Flex>
  );
}

/** The audit trail for super admins: the newest entries first, filters, pages, and the selection as CSV or JSON. */
export default function AuditTrailPage() {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, values?: Record<string, number>) => formatMessage({ id, defaultMessage: id }, values);
  const user = useAuth('AuditTrailPage', (state) => state.user) as { roles?: { code: string }[] } | undefined;
  const superAdmin = Boolean(user?.roles?.some((role) => role.code === 'strapi-super-admin'));
  const { get } = useFetchClient();
  const [draft, setDraft] = React.useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = React.useState<Filters>(NO_FILTERS);
  const [page, setPage] = React.useState(1);
  const [entries, setEntries] = React.useState<AuditEntry[]>([]);
  const [pagination, setPagination] = React.useState<Pagination>();
  const [error, setError] = React.useState<string>();

  React.useEffect(() => {
    if (!superAdmin) return;
    let current = true;
    get<{ data: AuditEntry[]; meta: { pagination: Pagination } }>(API, {
      params: { ...queryOf(filters), page: String(page), pageSize: '25' },
    }).then(
      ({ data }) => {
        if (!current) return;
        setEntries(data.data);
        setPagination(data.meta.pagination);
        setError(undefined);
      },
      (failure: { message?: string }) => current && setError(failure.message ?? String(failure)),
    );
    return () => {
      current = false;
    };
  }, [get, filters, page, superAdmin]);

  const exportAs = async (format: 'csv' | 'json') => {
    const { data } = await get(`${API}/export`, { params: { ...queryOf(filters), format }, responseType: 'blob' });
    download(data as Blob, `audit-trail.${format}`);
  };

  if (!superAdmin) {
    return (
      <Main>
        <Layouts.Header title={t('newsroom.audit.title')} subtitle={t('newsroom.audit.only-super-admins')} />
      </Main>
    );
  }
  return (
    <Main>
      <Layouts.Header
        title={t('newsroom.audit.title')}
        subtitle={t('newsroom.audit.subtitle')}
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" onClick={() => exportAs('csv')}>
              {t('newsroom.audit.export-csv')}
            </Button>
            <Button variant="secondary" onClick={() => exportAs('json')}>
              {t('newsroom.audit.export-json')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setPage(1);
            setFilters(draft);
          }}
        >
          <Flex gap={2} alignItems="flex-end" wrap="wrap" paddingBottom={4}>
            {FILTERS.map((name) => (
              <Box key={name}>
                <label>
                  <Typography variant="pi" fontWeight="bold">
                    {t(`newsroom.audit.filter.${name}`)}
                  </Typography>
                  <TextInput
                    name={name}
                    type={name === 'from' || name === 'to' ? 'datetime-local' : 'text'}
                    value={draft[name]}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                      setDraft({ ...draft, [name]: event.target.value })
                    }
                  />
                </label>
              </Box>
            ))}
            <Button type="submit">{t('newsroom.audit.apply')}</Button>
          </Flex>
        </form>
        {error ? (
          <Typography textColor="danger600">{error}</Typography>
        ) : (
          <Table colCount={6} rowCount={entries.length + 1}>
            <Thead>
              <Tr>
                {['time', 'user', 'action', 'subject', 'address', 'outcome'].map((column) => (
                  <Th key={column}>
                    <Typography variant="sigma">{t(`newsroom.audit.column.${column}`)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {entries.map((entry) => (
                <Tr
                  key={entry.id}
                  data-audit-action={entry.action}
                  data-audit-subject-id={entry.subject.id ?? undefined}
                >
                  <Td>
                    <Typography>{formatDate(entry.occurredAt, { dateStyle: 'short', timeStyle: 'medium' })}</Typography>
                  </Td>
                  <Td>
                    <Typography>{entry.actor.email ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{entry.action}</Typography>
                  </Td>
                  <Td>
                    <Subject subject={entry.subject} />
                  </Td>
                  <Td>
                    <Typography>{entry.clientIp ?? ''}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor={entry.outcome === 'success' ? 'success600' : 'danger600'}>
                      {t(`newsroom.audit.outcome.${entry.outcome}`)}
                      {entry.status ? ` (${entry.status})` : ''}
                      {entry.message ? `: ${entry.message}` : ''}
                    </Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {entries.length === 0 && !error ? <Typography>{t('newsroom.audit.empty')}</Typography> : null}
        {pagination && pagination.pageCount > 1 ? (
          <Flex gap={2} paddingTop={4} alignItems="center">
            <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('newsroom.audit.previous')}
            </Button>
            <Typography>{t('newsroom.audit.page', { ...pagination })}</Typography>
            <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
              {t('newsroom.audit.next')}
            </Button>
          </Flex>
        ) : null}
      </Layouts.Content>
    </Main>
  );
}
