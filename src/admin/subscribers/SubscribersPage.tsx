import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Main, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
// The server's description of the counts (a type only: nothing of the server's code is bundled).
import type { SubscriberCounts } from '../../delivery/subscriptions/subscriber-admin-routes';
import { subscribersEnglish, subscribersLabelId } from './subscribers-labels';
import { download } from '../files/download';

const API = '/newsroom/subscribers';

/** A table's header row: each column's label. */
function HeaderRow({ columns, label }: { columns: string[]; label: (key: string) => string }) {
  return (
    <Thead>
      <Tr>
        {columns.map((column) => (
          <Th key={column}>
            <Typography variant="sigma">{label(column)}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );
}

/** The subscribers in numbers: per language and per topic; the addresses' export for who has its permission. */
export default function SubscribersPage() {
  const { formatMessage } = useIntl();
  const t = (key: string) => formatMessage({ id: subscribersLabelId(key), defaultMessage: subscribersEnglish(key) });
  const { get, post } = useFetchClient();
  const [counts, setCounts] = React.useState<SubscriberCounts>();
  const [mayExport, setMayExport] = React.useState(false);
  const [tracking, setTracking] = React.useState(false);
  const [error, setError] = React.useState<string>();

  React.useEffect(() => {
    get<{ data: SubscriberCounts; meta: { mayExportAddresses: boolean; mailTracking: boolean } }>(API).then(
      ({ data }) => {
        setCounts(data.data);
        setMayExport(data.meta.mayExportAddresses);
        setTracking(data.meta.mailTracking);
      },
      (failure: { message?: string }) => setError(failure.message ?? String(failure)),
    );
  }, [get]);

  const exportAddresses = async () => {
    const { data } = await post(`${API}/export`, {}, { responseType: 'blob' });
    download(data as Blob, 'subscribers.csv');
  };

  return (
    <Main>
      <Layouts.Header
        title={t('title')}
        subtitle={t('subtitle')}
        primaryAction={
          mayExport ? (
            <Button variant="secondary" onClick={exportAddresses}>
              {t('export')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        {error ? <Typography textColor="danger600">{error}</Typography> : null}
        {counts ? (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Table colCount={3} rowCount={counts.byLanguage.length + 1}>
              <HeaderRow columns={['language', 'confirmed', 'pending']} label={t} />
              <Tbody>
                {counts.byLanguage.map((row) => (
                  <Tr key={row.locale} data-subscribers-locale={row.locale}>
                    <Td>
                      <Typography>{row.locale}</Typography>
                    </Td>
                    <Td>
                      <Typography>{row.confirmed}</Typography>
                    </Td>
                    <Td>
                      <Typography>{row.pending}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Table colCount={2} rowCount={counts.byTopic.length + 2}>
              <HeaderRow columns={['topic', 'confirmed']} label={t} />
              <Tbody>
                <Tr>
                  <Td>
                    <Typography>{t('everyTopic')}</Typography>
                  </Td>
                  <Td>
                    <Typography>{counts.everyTopic}</Typography>
                  </Td>
                </Tr>
                {counts.byTopic.map((row) => (
                  <Tr key={row.topic}>
                    <Td>
                      <Typography>{row.name ?? row.topic}</Typography>
                    </Td>
                    <Td>
                      <Typography>{row.confirmed}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Box>
              <Typography>
                {t('suppressed')}: {counts.suppressed}
              </Typography>
            </Box>
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography variant="delta" tag="h2">
                {t('releaseEmails')}
              </Typography>
              <Typography textColor="neutral600">{t(tracking ? 'trackingOn' : 'trackingOff')}</Typography>
              <Table colCount={6} rowCount={counts.releaseEmails.length + 1}>
                <HeaderRow columns={['release', 'sent', 'waiting', 'failed', 'opens', 'clicks']} label={t} />
                <Tbody>
                  {counts.releaseEmails.map((row) => (
                    <Tr key={`${row.documentId}/${row.locale}`} data-release-emails={`${row.documentId}/${row.locale}`}>
                      <Td>
                        <Typography>
                          {row.headline ?? row.documentId} ({row.locale})
                        </Typography>
                      </Td>
                      {[row.sent, row.waiting, row.failed].map((value, index) => (
                        <Td key={index}>
                          <Typography>{value}</Typography>
                        </Td>
                      ))}
                      {[row.opens, row.clicks].map((value, index) => (
                        <Td key={`tracked-${index}`}>
                          <Typography>{tracking ? value : '—'}</Typography>
                        </Td>
                      ))}
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Flex>
          </Flex>
        ) : null}
      </Layouts.Content>
    </Main>
  );
}
