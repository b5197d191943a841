// The draft against the latest version, as the API tells it: never published, saved since the
// latest version, or untouched since.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { draftState } from './draft-state.ts';

// Explicit colours: text on its background keeps WCAG AA contrast.
const LOOK = {
  new: { text: '#343a40', background: '#f1f3f5', border: '#adb5bd' },
  changed: { text: '#8a4500', background: '#fff4e6', border: '#e67700' },
  same: { text: '#1b5e2a', background: '#ebfbee', border: '#2b8a3e' },
} as const;

export function DraftBadge({ route, latestPublishedAt }: { route: { latestVersion: number; draftUpdatedAt: string }; latestPublishedAt: string | undefined }) {
  const { t } = useTranslation();
  // Until the latest version's details arrive there is nothing true to say.
  if (route.latestVersion > 0 && !latestPublishedAt) return null;
  const s = draftState(route, latestPublishedAt);
  const look = LOOK[s.kind];
  const text = s.kind === 'new' ? t('routes.draftNew') : t(s.kind === 'changed' ? 'routes.draftChanged' : 'routes.draftSame', { version: s.version });
  return (
    <Badge variant="outline" tt="none" fw={600} data-testid="draft-state" data-state={s.kind} styles={{ root: { color: look.text, background: look.background, borderColor: look.border } }}>
      {text}
    </Badge>
  );
}
