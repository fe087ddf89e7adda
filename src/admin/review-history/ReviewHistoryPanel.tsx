import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
// The server's description of a move (a type only: nothing of the server's code is bundled).
import type { StageMoveView } from '../../editorial/review-workflow/review-history-routes';
import { englishReviewLabel, reviewLabelId } from './review-history-labels';

/** The admin API of stage moves (src/editorial/review-workflow/review-history-routes.ts). */
const REVIEW_HISTORY_PATH = '/newsroom/review-history';

type Load = { state: 'loading' } | { state: 'failed'; forbidden: boolean } | { state: 'ready'; moves: StageMoveView[] };

/** A stage's name in the panel's language: the message whose id is the value (field-labels.ts). */
export function useStageName(): (stage: string) => string {
  const { formatMessage } = useIntl();
  return (stage) => formatMessage({ id: stage, defaultMessage: stage });
}

/**
 * Who moved this locale of a release to which review stage, and when, newest first. Read again whenever the edit
 * view's document changes (a save moves the stage, or takes an approval back).
 */
export function ReviewHistoryPanel({
  documentId,
  locale,
  version,
}: {
  documentId: string;
  locale: string;
  version: string;
}) {
  const { formatMessage, formatDate } = useIntl();
  const label = (key: string, values?: Record<string, string>) =>
    formatMessage({ id: reviewLabelId(key), defaultMessage: englishReviewLabel(key) }, values);
  const stageName = useStageName();
  const { get } = useFetchClient();
  const [load, setLoad] = React.useState<Load>({ state: 'loading' });

  React.useEffect(() => {
    let current = true;
    get<{ data: StageMoveView[] }>(`${REVIEW_HISTORY_PATH}/${documentId}?locale=${encodeURIComponent(locale)}`).then(
      (response) => current && setLoad({ state: 'ready', moves: response.data.data }),
      (error: { response?: { status?: number } }) =>
        current && setLoad({ state: 'failed', forbidden: error?.response?.status === 403 }),
    );
    return () => {
      current = false;
    };
  }, [get, documentId, locale, version]);

  if (load.state === 'loading') return <Typography>{label('loading')}</Typography>;
  if (load.state === 'failed') {
    return <Typography textColor="danger600">{label(load.forbidden ? 'forbidden' : 'failed')}</Typography>;
  }
  if (load.moves.length === 0) return <Typography textColor="neutral600">{label('empty')}</Typography>;
  return (
    <Box data-testid="review-history" style={{ maxHeight: '16rem', overflowY: 'auto', width: '100%' }}>
      <Flex tag="ol" direction="column" alignItems="stretch" gap={2}>
        {load.moves.map((move, index) => (
          <li
            key={`${move.movedAt}-${index}`}
            data-testid="review-history-move"
            data-from={move.from}
            data-to={move.to}
          >
            <Typography fontWeight="bold" display="block">
              {label('moved', { from: stageName(move.from), to: stageName(move.to) })}
            </Typography>
            <Typography variant="pi" textColor="neutral600" display="block">
              {label('by', {
                name: move.movedBy.name === 'system' ? label('system') : move.movedBy.name,
                when: formatDate(move.movedAt, { dateStyle: 'short', timeStyle: 'medium' }),
              })}
            </Typography>
          </li>
        ))}
      </Flex>
    </Box>
  );
}
