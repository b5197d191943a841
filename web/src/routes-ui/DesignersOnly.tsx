// The route pages are for designers and admins. GET /api/routes answers everyone (employees pick
// a route to start), so the page itself says clearly who it is for instead of showing nothing.
import { Alert, Anchor, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIsDesigner } from './queries.ts';

export function DesignersOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = useIsDesigner();
  if (allowed === undefined) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!allowed) {
    return (
      <Stack maw={640} mx="auto">
        <Alert color="orange" role="alert" data-testid="routes-forbidden">
          {t('routes.forbidden')}{' '}
          <Anchor component={Link} to="/inbox">{t('routes.toInbox')}</Anchor>
        </Alert>
      </Stack>
    );
  }
  return children;
}
