// One deal: its details, product lines, stage history (a move by the route names its case), its
// case with the current step linked, and closing it as won or lost.
import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../format.ts';
import { CloseDealModal } from './CloseDealModal.tsx';
import { useDeal } from './queries.ts';

export function DealPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const deal = useDeal(id!);
  const [closing, setClosing] = useState<'won' | 'lost' | null>(null);
  if (deal.isPending) return <Loader />;
  if (deal.error) return <Alert color="red">{deal.error.message}</Alert>;
  const d = deal.data;
  const stage = (s: { name: string; nameEn: string | null }) => (i18n.language.startsWith('en') && s.nameEn ? s.nameEn : s.name);
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Anchor component={Link} to="/deals" size="sm">← {t('deals.title')}</Anchor>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={2}>{d.title}</Title>
          <Text c="dimmed">{t('deals.client')}: <Anchor component={Link} to={`/clients/${d.client.id}`}>{d.client.name}</Anchor></Text>
        </Stack>
        {d.status === 'open' && d.rights.write && (
          <Group>
            <Button color="teal" variant="light" onClick={() => setClosing('won')}>{t('deals.won')}</Button>
            <Button color="red" variant="light" onClick={() => setClosing('lost')}>{t('deals.lost')}</Button>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder><Text size="sm" c="dimmed">{t('deals.stage')}</Text><Text fw={600}>{stage(d.stage)}</Text></Card>
        <Card withBorder><Text size="sm" c="dimmed">{t('deals.amount')}</Text><Text fw={600}>{fmt.rub(d.amount / 100)}</Text></Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('deals.status')}</Text>
          <Group gap={6}><Badge color={d.status === 'won' ? 'teal.9' : d.status === 'lost' ? 'gray.7' : 'blue.9'}>{t(`deals.statuses.${d.status}`)}</Badge><Text size="sm">{d.probability}%</Text></Group>
          {d.lossReason && <Text size="sm">{t(`deals.reasons.${d.lossReason}`)}{d.lostAtStage ? ` · ${stage(d.lostAtStage)}` : ''}{d.closeComment ? ` · ${d.closeComment}` : ''}</Text>}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={3} size="h4">{t('deals.case')}</Title>
        {d.case ? (
          <Stack gap={4}>
            <Anchor component={Link} to={`/cases/${d.case.id}`}>{d.case.id.slice(0, 8)}</Anchor>
            {d.case.openSteps.map((s) => (
              <Text key={s.assignmentId} size="sm">{t('deals.openStep')}: <Anchor component={Link} to={`/tasks/${s.assignmentId}`}>{s.stepName}</Anchor>{s.assignee ? ` · ${s.assignee.name}` : ''}{s.overdue ? ` · ${t('deals.overdue')}` : ''}</Text>
            ))}
          </Stack>
        ) : <Text size="sm" c="dimmed">{t('deals.noCase')}</Text>}
      </Card>
      {d.lines.length > 0 && (
        <Card withBorder>
          <Title order={3} size="h4">{t('deals.lines')}</Title>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t('deals.lineName')}</Table.Th><Table.Th>{t('deals.quantity')}</Table.Th><Table.Th>{t('deals.price')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{d.lines.map((l, i) => <Table.Tr key={i}><Table.Td>{l.name}</Table.Td><Table.Td>{l.quantity}</Table.Td><Table.Td>{fmt.rub(l.price / 100)}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
        </Card>
      )}
      <Card withBorder>
        <Title order={3} size="h4">{t('deals.history')}</Title>
        <Table>
          <Table.Tbody>
            {d.history.map((h, i) => (
              <Table.Tr key={i}>
                <Table.Td>{fmt.dateTime(h.at)}</Table.Td>
                <Table.Td>{t(`deals.kinds.${h.kind}`)}</Table.Td>
                <Table.Td>{h.from ? `${stage(h.from)} → ` : ''}{stage(h.to)}</Table.Td>
                <Table.Td>{h.by ? h.by.name : h.caseId ? <Anchor component={Link} to={`/cases/${h.caseId}`}>{t('deals.byRoute')}</Anchor> : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {closing && <CloseDealModal deal={d} outcome={closing} onClose={() => setClosing(null)} />}
    </Stack>
  );
}
