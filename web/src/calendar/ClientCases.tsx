// The client card's cases: the cases about the client (its deals' cases and those whose variable
// `client_id` names it, GET /api/processes?clientId=), each with the step it waits at and for whom.
import { Alert, Anchor, Badge, Card, Table, Text, Title } from '@mantine/core';
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
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead><Table.Tr>{(['subject', 'route', 'status', 'step', 'started'] as const).map((k) => <Table.Th key={k}>{t(`calendar.cases.cols.${k}`)}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid="client-case">
                  <Table.Td><Anchor component={Link} to={`/cases/${p.id}`}>{p.subject}</Anchor></Table.Td>
                  <Table.Td>{p.route.name}</Table.Td>
                  <Table.Td><Badge color={`${STATUS_COLOR[p.status] ?? 'gray'}.9`} tt="none">{t(`calendar.cases.statuses.${p.status}`)}</Badge></Table.Td>
                  <Table.Td>
                    {p.waitingFor.length === 0 ? (p.currentStep?.name ?? '—') : p.waitingFor.map((w) => (
                      <Text key={w.assignmentId} size="sm" c={w.overdue ? 'red.9' : undefined}>
                        {t('calendar.cases.waiting', { step: w.stepName, who: w.holder?.name ?? t('calendar.cases.queue', { role: w.role ?? '' }) })}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(p.startedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
