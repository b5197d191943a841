// The invoice list: only invoices the person may see, searched (number, client) and filtered
// (status, overdue, due between), sorted and paged by 25, with the total and the sums of all that
// match; overdue rows in red. Everything is kept in the address bar.
import { Alert, Anchor, Button, Checkbox, Group, Loader, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../format.ts';
import { useMayWriteInvoices } from './form-parts.tsx';
import { NewInvoiceButton } from './NewInvoice.tsx';
import { InvoiceTabs, StatusBadge, useDebouncedParam } from './parts.tsx';
import { INVOICE_SORTS, INVOICE_STATUSES, useInvoiceList, type InvoiceListFilter } from './queries.ts';

const PAGE = 25;
const FILTER_KEYS = ['q', 'status', 'overdue', 'dueFrom', 'dueTo', 'client'];
const isDay = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

function readFilter(params: URLSearchParams): InvoiceListFilter & { page: number } {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pick = <T extends string>(list: readonly T[], v: string | null): T | undefined => list.find((x) => x === v);
  return {
    q: params.get('q') ?? undefined,
    clientId: params.get('client') ?? undefined,
    status: pick(INVOICE_STATUSES, params.get('status')),
    overdue: params.get('overdue') === '1' ? true : undefined,
    dueFrom: isDay(params.get('dueFrom')),
    dueTo: isDay(params.get('dueTo')),
    sort: pick(INVOICE_SORTS, params.get('sort')) ?? '-issueDate',
    limit: PAGE,
    offset: (page - 1) * PAGE,
    page,
  };
}

export function InvoicesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const list = useInvoiceList(filter);
  const mayWrite = useMayWriteInvoices();
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
  const filtered = FILTER_KEYS.some((k) => params.has(k));
  const total = list.data?.total ?? 0;
  const sums = list.data?.sums;

  return (
    <Stack maw={1280} mx="auto">
      <InvoiceTabs />
      <Group gap="md" align="baseline">
        <Title order={2}>{t('invoices.title')}</Title>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="invoices-total">{list.data ? t('invoices.total', { count: total }) : ''}</Text>
        {mayWrite && <Group ml="auto"><NewInvoiceButton /></Group>}
      </Group>
      <Group gap="sm" align="end" wrap="wrap" role="search" aria-label={t('invoices.filters')}>
        <TextInput label={t('invoices.search')} placeholder={t('invoices.searchHint')} w={260} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" data-testid="invoice-search" />
        <Select label={t('invoices.status')} placeholder={t('invoices.any')} clearable w={190} value={filter.status ?? null} onChange={(v) => set('status', v)}
          data={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`invoices.statuses.${s}`) }))} />
        <TextInput label={t('invoices.dueFrom')} type="date" w={160} value={filter.dueFrom ?? ''} onChange={(e) => set('dueFrom', e.currentTarget.value)} />
        <TextInput label={t('invoices.dueTo')} type="date" w={160} value={filter.dueTo ?? ''} onChange={(e) => set('dueTo', e.currentTarget.value)} />
        <Select label={t('invoices.sort')} w={220} value={filter.sort} allowDeselect={false} onChange={(v) => set('sort', v === '-issueDate' ? null : v)}
          data={INVOICE_SORTS.map((s) => ({ value: s, label: t(`invoices.sorts.${s}`) }))} />
        <Checkbox label={t('invoices.overdueOnly')} checked={filter.overdue === true} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} mb={8} />
        {filtered && <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('invoices.reset')}</Button>}
      </Group>
      {sums && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="invoice-sums">
          {(['amount', 'paid', 'outstanding', 'overdue'] as const).map((k) => (
            <Paper key={k} withBorder p="sm">
              <Text size="xs" c="dimmed">{t(`invoices.sums.${k}`)}</Text>
              <Text fw={700} c={k === 'overdue' && sums.overdue > 0 ? 'red.9' : undefined}>{fmt.rub(sums[k] / 100)}</Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {list.error && <Alert color="red">{t('common.error', { message: list.error.message })}</Alert>}
      {list.isPending ? <Loader role="status" aria-label={t('common.loading')} /> : (list.data?.items ?? []).length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">{filtered ? t('invoices.emptyFiltered') : t('invoices.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="invoice-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invoices.col.number')}</Table.Th>
                <Table.Th>{t('invoices.col.client')}</Table.Th>
                <Table.Th>{t('invoices.col.issueDate')}</Table.Th>
                <Table.Th>{t('invoices.col.dueDate')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.amount')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.outstanding')}</Table.Th>
                <Table.Th style={{ minWidth: 150 }}>{t('invoices.col.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((i) => (
                <Table.Tr key={i.id} data-testid="invoice-row">
                  <Table.Td><Anchor component={Link} to={`/invoices/${i.id}`} fw={600}>{i.number}</Anchor></Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${i.client.id}`} size="sm">{i.client.name}</Anchor>
                    <Text size="xs" c="dimmed">{i.owner.name}</Text>
                  </Table.Td>
                  <Table.Td><Text size="sm">{fmt.date(i.issueDate)}</Text></Table.Td>
                  <Table.Td><Text size="sm" c={i.status === 'overdue' ? 'red.9' : undefined} fw={i.status === 'overdue' ? 700 : undefined}>{fmt.date(i.dueDate)}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm">{fmt.rub(i.amount / 100)}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm" c={i.status === 'overdue' ? 'red.9' : undefined} fw={i.outstanding > 0 ? 600 : undefined}>{fmt.rub(i.outstanding / 100)}</Text></Table.Td>
                  <Table.Td><StatusBadge status={i.status} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > PAGE && (
        <Pagination total={Math.ceil(total / PAGE)} value={filter.page} onChange={(p) => set('page', p === 1 ? null : String(p))} aria-label={t('invoices.page')}
          getControlProps={(control) => ({ 'aria-label': t(`invoices.${control}`) })} getItemProps={(page) => ({ 'aria-label': `${t('invoices.page')} ${page}` })} />
      )}
    </Stack>
  );
}
