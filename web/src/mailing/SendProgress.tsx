// A campaign's sends as they go: n of m with a progress bar, counts per status, opens and clicks,
// the deliveries (failures first, with their reasons) and a button to queue failures again.
// Polls every two seconds while something is still queued. Used by the campaign page.
import { Badge, Button, Card, Group, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api.ts';
import { useDeliveries, useSends, type DeliveryStatus } from './queries.ts';

const COLORS: Record<DeliveryStatus, string> = { queued: 'gray', sent: 'teal', failed: 'red', bounced: 'orange', skipped: 'yellow' };

export function SendProgress({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const sends = useSends(campaignId);
  if (sends.isLoading) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (sends.error) return <Text c="red">{t('common.error', { message: sends.error.message })}</Text>;
  const items = sends.data?.items ?? [];
  if (!items.length) return <Text c="dimmed">{t('mailing.noSends')}</Text>;
  return (
    <Stack>
      {items.map((s) => <SendCard key={s.id} send={s} />)}
    </Stack>
  );
}

type Send = NonNullable<ReturnType<typeof useSends>['data']>['items'][number];

function SendCard({ send }: { send: Send }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const running = send.queued > 0;
  const deliveries = useDeliveries(send.id, status === 'all' ? undefined : status, running);
  const retry = useMutation({
    mutationFn: () => unwrap(client.api.mail.sends[':id'].retry.$post({ param: { id: send.id } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['mail-sends'] }),
  });
  const done = send.total - send.queued;
  const pct = send.total ? Math.round((done / send.total) * 100) : 100;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{send.name}</Text>
          <Badge color={running ? 'blue' : 'teal'} variant="light">{running ? t('mailing.running') : t('mailing.finished')}</Badge>
        </Group>
        <Progress value={pct} aria-label={t('mailing.progress', { done, total: send.total })} />
        <Text size="sm">{t('mailing.progress', { done, total: send.total })}</Text>
        <Group gap="xs">
          {(['queued', 'sent', 'failed', 'bounced', 'skipped'] as const).map((k) => (
            <Badge key={k} color={COLORS[k]} variant="light">{t(`mailing.counts.${k}`)}: {send[k]}</Badge>
          ))}
          <Badge color="indigo" variant="outline">{t('mailing.counts.opened')}: {send.opened}</Badge>
          <Badge color="indigo" variant="outline">{t('mailing.counts.clicked')}: {send.clicked}</Badge>
        </Group>
        <Group justify="space-between">
          <SegmentedControl size="xs" value={status} onChange={(v) => setStatus(v)} aria-label={t('mailing.statusFilter')}
            data={[{ value: 'all', label: t('mailing.all') }, ...(['queued', 'sent', 'failed', 'bounced', 'skipped'] as const).map((k) => ({ value: k, label: t(`mailing.counts.${k}`) }))]} />
          <Button size="xs" variant="light" disabled={send.failed === 0} loading={retry.isPending} onClick={() => retry.mutate()}>{t('mailing.retry')}</Button>
        </Group>
        {retry.data && <Text size="sm" c="teal">{t('mailing.retried', { count: retry.data.queued })}</Text>}
        <Table striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('mailing.col.client')}</Table.Th><Table.Th>{t('mailing.col.email')}</Table.Th><Table.Th>{t('mailing.col.status')}</Table.Th><Table.Th>{t('mailing.col.reason')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data?.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.clientName}</Table.Td>
                <Table.Td>{d.email ?? '—'}</Table.Td>
                <Table.Td><Badge color={COLORS[d.status]} variant="light">{t(`mailing.counts.${d.status}`)}</Badge></Table.Td>
                <Table.Td>{d.reason ? t(`mailing.reasons.${d.reason}`, { defaultValue: d.reason }) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
