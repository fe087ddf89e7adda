import * as React from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Button, Flex, Typography } from '@strapi/design-system';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { testEmailEnglish, testEmailLabelId } from './test-email-labels';

export { testEmailLabels } from './test-email-labels';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { locale?: string | null };
}

function TestEmailPanel({ documentId, locale }: { documentId: string; locale: string }) {
  const { formatMessage } = useIntl();
  const t = (key: string, values?: Record<string, string>) =>
    formatMessage({ id: testEmailLabelId(key), defaultMessage: testEmailEnglish(key) }, values);
  const { post } = useFetchClient();
  const [outcome, setOutcome] = React.useState<{ text: string; failed: boolean }>();
  const send = async () => {
    try {
      const { data } = await post<{ data: { sentTo: string } }>(
        `/newsroom/test-email/${documentId}?locale=${encodeURIComponent(locale)}`,
        {},
      );
      setOutcome({ text: t('sent', { email: data.data.sentTo }), failed: false });
    } catch (error) {
      const answer = error as { response?: { data?: { error?: { message?: string } } }; message?: string };
      const reason = answer.response?.data?.error?.message ?? answer.message ?? String(error);
      setOutcome({ text: t('failed', { reason }), failed: true });
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <Typography variant="pi">{t('explain')}</Typography>
      <Button variant="secondary" onClick={send}>
        {t('send')}
      </Button>
      {outcome ? (
        <Typography role={outcome.failed ? 'alert' : 'status'} textColor={outcome.failed ? 'danger600' : 'success600'}>
          {outcome.text}
        </Typography>
      ) : null}
    </Flex>
  );
}

/** The edit view's side panel of a saved release: a test of its subscribers' email, to the editor. */
const TestEmailSidePanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== PRESS_RELEASE_UID || !documentId || !document?.locale) return null;
  return {
    title: formatMessage({ id: testEmailLabelId('title'), defaultMessage: testEmailEnglish('title') }),
    content: <TestEmailPanel documentId={documentId} locale={document.locale} />,
  };
};

export function registerTestEmail(app: StrapiApp): void {
  const contentManager = app.getPlugin('content-manager') as unknown as {
    apis: { addEditViewSidePanel(panels: (previous: unknown[]) => unknown[]): void };
  };
  contentManager.apis.addEditViewSidePanel((panels) => [...panels, TestEmailSidePanel]);
}
