// /portal/confirm/:token: confirms the request once (the API answers the same link however often)
// and goes on to the follow page; a bad or expired link says only that.
import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { PortalShell } from './PortalShell.tsx';

export function PortalConfirmPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  // A query, not an effect: StrictMode's double mount then confirms once (the API is idempotent anyway).
  const confirmed = useQuery({ queryKey: ['portal-confirm', token], queryFn: () => unwrap(client.api.portal.confirm.$post({ json: { token } })), retry: false, staleTime: Infinity });
  if (confirmed.data) return <Navigate to={confirmed.data.link} replace />;
  return (
    <PortalShell>
      {confirmed.isError ? (
        <Stack>
          <Alert color="red" role="alert">{t('portal.badLink')}</Alert>
          <Anchor component={Link} to="/portal">{t('portal.newRequest')}</Anchor>
        </Stack>
      ) : (
        <Stack align="center"><Loader aria-hidden /><Text role="status">{t('portal.confirming')}</Text></Stack>
      )}
    </PortalShell>
  );
}
