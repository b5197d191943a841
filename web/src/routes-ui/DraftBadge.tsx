// The draft against the latest version, as the API tells it: never published, saved since the
// latest version, or untouched since.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { draftState } from './queries.ts';

export function DraftBadge({ route, latestPublishedAt }: { route: { latestVersion: number; draftUpdatedAt: string }; latestPublishedAt: string | undefined }) {
  const { t } = useTranslation();
  // Until the latest version's details arrive there is nothing true to say.
  if (route.latestVersion > 0 && !latestPublishedAt) return null;
  const s = draftState(route, latestPublishedAt);
  if (s.kind === 'new') return <Badge variant="outline" color="gray.8" data-testid="draft-state" data-state="new">{t('routes.draftNew')}</Badge>;
  if (s.kind === 'changed') return <Badge variant="light" color="orange.9" data-testid="draft-state" data-state="changed">{t('routes.draftChanged', { version: s.version })}</Badge>;
  return <Badge variant="light" color="green.9" data-testid="draft-state" data-state="same">{t('routes.draftSame', { version: s.version })}</Badge>;
}
