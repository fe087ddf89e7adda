import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
// The server's description of an entry (a type only: nothing of the server's code is bundled).
import type { PressAccessView } from '../../press-access/press-access-log';
import { englishPressAccessLabel, pressAccessLabelId } from './press-access-labels';

/** The admin API of the press access log (src/press-access/press-access-log-routes.ts). */
const SEEN_BEFORE_LIFT_PATH = '/newsroom/press-access';

type Load =
  { state: 'loading' } | { state: 'failed'; forbidden: boolean } | { state: 'ready'; entries: PressAccessView[] };

/** Which journalists read or downloaded this release before its embargo lifted, and how, newest first. */
export function SeenBeforeLiftPanel({ documentId, version }: { documentId: string; version: string }) {
  const { formatMessage, formatDate } = useIntl();
  const label = (key: string, values?: Record<string, string>) =>
    formatMessage({ id: pressAccessLabelId(key), defaultMessage: englishPressAccessLabel(key) }, values);
  const { get } = useFetchClient();
  const [load, setLoad] = React.useState<Load>({ state: 'loading' });

  React.useEffect(() => {
    let current = true;
    get<{ data: PressAccessView[] }>(`${SEEN_BEFORE_LIFT_PATH}/${documentId}`).then(
      (response) => current && setLoad({ state: 'ready', entries: response.data.data }),
      (error: { response?: { status?: number } }) =>
        current && setLoad({ state: 'failed', forbidden: error?.response?.status === 403 }),
    );
    return () => {
      current = false;
    };
  }, [get, documentId, version]);

  if (load.state === 'loading') return <Typography>{label('loading')}</Typography>;
  if (load.state === 'failed') {
    return <Typography textColor="danger600">{label(load.forbidden ? 'forbidden' : 'failed')}</Typography>;
  }
  if (load.entries.length === 0) return <Typography textColor="neutral600">{label('empty')}</Typography>;
  return (
    <Box data-testid="seen-before-lift" style={{ maxHeight: '16rem', overflowY: 'auto', width: '100%' }}>
      <Flex tag="ol" direction="column" alignItems="stretch" gap={2}>
        {load.entries.map((entry, index) => (
          <li key={`${entry.at}-${index}`} data-testid="seen-before-lift-entry" data-what={entry.what}>
            <Typography fontWeight="bold" display="block">
              {label('who', {
                email: entry.journalist.email ?? `#${entry.journalist.id}`,
                outlet: entry.outlet ?? '—',
              })}
            </Typography>
            <Typography variant="pi" textColor="neutral600" display="block">
              {label('what', {
                what: label(entry.what),
                locale: entry.locale,
                when: formatDate(entry.at, { dateStyle: 'short', timeStyle: 'medium' }),
                address: entry.address ?? '—',
              })}
            </Typography>
          </li>
        ))}
      </Flex>
    </Box>
  );
}
