// The client card's cases: the cases about the client (its deals' cases and those whose variable
// `client_id` names it, GET /api/processes?clientId=), each with the step it waits at and for whom.
import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STATUS_COLOR } from '../case/status.ts';
import { useFormat } from '../format.ts';
import { useClientCases } from './queries.ts';

export function ClientCases({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const cases = useClientCases(clientId);
  const items = cases.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="client-cases-title" data-testid="client-cases">
      <Title order={3} size="h4" id="client-cases-title" mb="sm">{t('calendar.cases.title')}</Title>
      {cases.error && <Alert color="red">{t('common.error', { message: cases.error.message })}</Alert>}
      {cases.data && items.length === 0 && <Text c="dimmed" size="sm">{t('calendar.cases.empty')}</Text>}
      {/* A list, not a table: the card's column is narrow. */}
      <Stack gap="xs">
        {items.map((p) => (
          <div key={p.id} data-testid="client-case">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`/cases/${p.id}`} fw={600}>{p.subject}</Anchor>
              <Badge color={`${STATUS_COLOR[p.status] ?? 'gray'}.9`} tt="none" style={{ flexShrink: 0 }}>{t(`calendar.cases.statuses.${p.status}`)}</Badge>
            </Group>
            <Text size="sm" c="dimmed">{p.route.name} · {t('calendar.cases.cols.started')}: {fmt.date(p.startedAt)}</Text>
            {p.waitingFor.length === 0 ? (p.currentStep && <Text size="sm">{p.currentStep.name}</Text>) : p.waitingFor.map((w) => (
              <Text key={w.assignmentId} size="sm" c={w.overdue ? 'red.9' : undefined}>
                {t('calendar.cases.waiting', { step: w.stepName, who: w.holder?.name ?? t('calendar.cases.queue', { role: w.role ?? '' }) })}
              </Text>
            ))}
          </div>
        ))}
      </Stack>
    </Card>
  );
}
