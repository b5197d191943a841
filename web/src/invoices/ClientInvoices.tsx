// The client card's "Invoices" section: what the client owes, the overdue part and since when, and
// its latest invoices with their status; a link to all of them in the invoice list.
import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../format.ts';
import { useClient } from '../clients/queries.ts';
import { useIsInvoiceClerk } from './form-parts.tsx';
import { NewInvoiceButton } from './NewInvoice.tsx';
import { StatusBadge } from './parts.tsx';
import { useClientReceivables, useInvoiceList } from './queries.ts';

export function ClientInvoices({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const owed = useClientReceivables(clientId);
  const list = useInvoiceList({ clientId, sort: '-issueDate', limit: 5, offset: 0 });
  // The client's card is in the cache already; its write right is the owner's and their managers'.
  const card = useClient(clientId);
  const clerk = useIsInvoiceClerk();
  const mayCreate = (card.data?.rights.write ?? false) || clerk;
  const r = owed.data;
  const items = list.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="client-invoices-title" data-testid="client-invoices">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="client-invoices-title">{t('invoices.client.title')}</Title>
        <Group gap="sm">
          {(list.data?.total ?? 0) > 0 && <Anchor component={Link} to={`/invoices?client=${clientId}`} size="sm">{t('invoices.client.all')}</Anchor>}
          {mayCreate && card.data && <NewInvoiceButton size="xs" clientId={clientId} clientName={card.data.name} />}
        </Group>
      </Group>
      {r && (r.outstanding > 0) && (
        <Group gap="xl" mb="sm" data-testid="client-receivables">
          <Stack gap={0}><Text size="xs" c="dimmed">{t('invoices.client.owed')}</Text><Text fw={700}>{fmt.rub(r.outstanding / 100)}</Text></Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">{t('invoices.client.overdue')}</Text>
            <Text fw={700} c={r.overdue > 0 ? 'red.9' : undefined}>{fmt.rub(r.overdue / 100)}</Text>
          </Stack>
          {r.oldestOverdueDue && <Text size="sm" c="red.9">{t('invoices.client.oldest', { date: fmt.date(r.oldestOverdueDue) })}</Text>}
        </Group>
      )}
      {list.data && items.length === 0 ? <Text size="sm" c="dimmed">{t('invoices.client.none')}</Text> : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td><Anchor component={Link} to={`/invoices/${i.id}`} size="sm">{i.number}</Anchor></Table.Td>
                <Table.Td><Text size="sm" c={i.status === 'overdue' ? 'red.9' : undefined}>{fmt.date(i.dueDate)}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm">{fmt.rub(i.amount / 100)}</Text></Table.Td>
                <Table.Td><StatusBadge status={i.status} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
