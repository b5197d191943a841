// Receivables: per client, what is owed, the overdue part (red) and the oldest overdue due date,
// sorted by the overdue sum by default; only clients whose invoices the person may see. Each
// client leads to its invoices. Filters in the address bar.
import { Alert, Anchor, Checkbox, Group, Loader, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../format.ts';
import { InvoiceTabs, useDebouncedParam } from './parts.tsx';
import { RECEIVABLE_SORTS, useReceivables } from './queries.ts';

const PAGE = 25;

export function ReceivablesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sort = RECEIVABLE_SORTS.find((s) => s === params.get('sort')) ?? '-overdue';
  const overdueOnly = params.get('overdue') === '1';
  const list = useReceivables({ q: params.get('q') ?? undefined, overdueOnly, sort, limit: PAGE, offset: (page - 1) * PAGE });
  const set = (key: string, value: string | null | undefined) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    }, { replace: true });
  };
  const [q, setQ] = useDebouncedParam(params.get('q'), (v) => set('q', v));
  const total = list.data?.total ?? 0;

  return (
    <Stack maw={1280} mx="auto">
      <InvoiceTabs />
      <Group gap="md" align="baseline">
        <Title order={2}>{t('invoices.receivables')}</Title>
        <Text size="sm" c="dimmed" aria-live="polite">{list.data ? t('invoices.clients', { count: total }) : ''}</Text>
      </Group>
      <Group gap="sm" align="end" role="search" aria-label={t('invoices.filters')}>
        <TextInput label={t('invoices.search')} w={260} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" />
        <Select label={t('invoices.sort')} w={240} value={sort} allowDeselect={false} onChange={(v) => set('sort', v === '-overdue' ? null : v)}
          data={RECEIVABLE_SORTS.map((s) => ({ value: s, label: t(`invoices.receivableSorts.${s}`) }))} />
        <Checkbox label={t('invoices.onlyOverdue')} checked={overdueOnly} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} mb={8} />
      </Group>
      {list.data && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="receivable-sums">
          <Paper withBorder p="sm"><Text size="xs" c="dimmed">{t('invoices.sums.outstanding')}</Text><Text fw={700}>{fmt.rub(list.data.sums.outstanding / 100)}</Text></Paper>
          <Paper withBorder p="sm"><Text size="xs" c="dimmed">{t('invoices.sums.overdue')}</Text><Text fw={700} c={list.data.sums.overdue > 0 ? 'red.9' : undefined}>{fmt.rub(list.data.sums.overdue / 100)}</Text></Paper>
        </SimpleGrid>
      )}
      {list.error && <Alert color="red">{t('common.error', { message: list.error.message })}</Alert>}
      {list.isPending ? <Loader role="status" aria-label={t('common.loading')} /> : (list.data?.items ?? []).length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">{t('invoices.noReceivables')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="receivable-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invoices.col.client')}</Table.Th>
                <Table.Th>{t('invoices.col.owner')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.outstanding')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.overdue')}</Table.Th>
                <Table.Th>{t('invoices.col.oldestDue')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.invoices')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((r) => (
                <Table.Tr key={r.client.id} data-testid="receivable-row">
                  <Table.Td><Anchor component={Link} to={`/invoices?client=${r.client.id}`} fw={600}>{r.client.name}</Anchor></Table.Td>
                  <Table.Td><Text size="sm">{r.owner.name}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm" fw={600}>{fmt.rub(r.outstanding / 100)}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm" c={r.overdue > 0 ? 'red.9' : 'dimmed'} fw={r.overdue > 0 ? 700 : undefined}>{fmt.rub(r.overdue / 100)}</Text></Table.Td>
                  <Table.Td><Text size="sm" c={r.oldestOverdueDue ? 'red.9' : 'dimmed'}>{r.oldestOverdueDue ? fmt.date(r.oldestOverdueDue) : '—'}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm">{r.invoices}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > PAGE && (
        <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={(p) => set('page', p === 1 ? null : String(p))} aria-label={t('invoices.page')}
          getControlProps={(control) => ({ 'aria-label': t(`invoices.${control}`) })} getItemProps={(n) => ({ 'aria-label': `${t('invoices.page')} ${n}` })} />
      )}
    </Stack>
  );
}
