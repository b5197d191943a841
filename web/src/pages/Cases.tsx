// The case list: filters by route, version, status, the days it started between and who holds
// its current step, all kept in the address bar so a filtered view can be bookmarked or shared;
// a "waiting for" column (each open step, whose inbox or which queue, since when), a stuck marker
// (an open step past its due time) and pages of 25.
import { Alert, Anchor, Badge, Button, Group, Loader, NumberInput, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { zonedMidnight } from '../case/overlays.ts';
import { useCaseList, useEmployees, useRoutes, type CaseListFilter, type CaseListItem } from '../case/queries.ts';
import { useFormat, type Formatter } from '../format.ts';
import { useRoleNames } from '../people.ts';

// A status in a narrow table column: the table may not squeeze the badge into "ИД…".
const WHOLE_LABEL = { label: { overflow: 'visible' } } as const;
import { STATUS_COLOR } from '../case/status.ts';

const PAGE = 25;
const STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The address bar's filters as the API's query; days are whole days in the company's zone. */
function readFilter(params: URLSearchParams, timeZone: string): CaseListFilter & { page: number } {
  const status = params.get('status');
  const from = params.get('from');
  const to = params.get('to');
  const page = Math.max(1, Number(params.get('page')) || 1);
  return {
    routeId: params.get('route') ?? undefined,
    version: /^\d+$/.test(params.get('version') ?? '') ? (params.get('version') ?? undefined) : undefined,
    status: STATUSES.find((s) => s === status),
    startedFrom: from && DAY.test(from) ? zonedMidnight(from, timeZone).toISOString() : undefined,
    // Up to the end of that day: the last millisecond before the next day's midnight.
    startedTo: to && DAY.test(to) ? new Date(zonedMidnight(nextDay(to), timeZone).getTime() - 1).toISOString() : undefined,
    holder: params.get('holder') ?? undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
    page,
  };
}

function WaitingFor({ item, fmt, roleNames }: { item: CaseListItem; fmt: Formatter; roleNames: Map<string, string> }) {
  const { t } = useTranslation();
  if (item.waitingFor.length === 0) return <Text size="sm" c="dimmed">{t('cases.nothing')}</Text>;
  return (
    <Stack gap={2}>
      {item.waitingFor.map((w) => (
        <Text key={w.assignmentId} size="sm" c={w.overdue ? 'red.8' : undefined}>
          <b>{w.holder ? w.holder.name : t('cases.inQueue', { role: roleNames.get(w.role ?? '') ?? w.role ?? '?' })}</b> · {w.stepName} · {t('case.since', { when: fmt.dateTime(w.openedAt) })}
        </Text>
      ))}
    </Stack>
  );
}

export function CasesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params, fmt.timeZone);
  const list = useCaseList(filter);
  const routes = useRoutes();
  const people = useEmployees();
  const roleNames = useRoleNames();
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const filtered = ['route', 'version', 'status', 'from', 'to', 'holder'].some((k) => params.has(k));
  const total = list.data?.total ?? 0;

  return (
    <Stack maw={1280} mx="auto">
      <Group justify="space-between">
        <Title order={2}>{t('cases.title')}</Title>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="cases-total">{list.data ? t('cases.total', { count: total }) : ''}</Text>
      </Group>
      <Group gap="sm" align="end" wrap="wrap" role="search" aria-label={t('cases.filters')}>
        <Select label={t('cases.route')} placeholder={t('cases.any')} clearable searchable w={220} value={params.get('route')} onChange={(v) => set('route', v)}
          data={(routes.data?.items ?? []).filter((r) => r.latestVersion > 0).map((r) => ({ value: r.id, label: r.name }))} />
        <NumberInput label={t('cases.version')} placeholder={t('cases.any')} min={1} w={110} value={params.get('version') ?? ''} onChange={(v) => set('version', v === '' ? null : String(v))} allowDecimal={false} />
        <Select label={t('cases.status')} placeholder={t('cases.any')} clearable w={160} value={params.get('status')} onChange={(v) => set('status', v)}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <DateInput label={t('cases.startedFrom')} clearable valueFormat="DD.MM.YYYY" w={150} value={params.get('from')} onChange={(v) => set('from', v)} />
        <DateInput label={t('cases.startedTo')} clearable valueFormat="DD.MM.YYYY" w={150} value={params.get('to')} onChange={(v) => set('to', v)} />
        <Select label={t('cases.holder')} placeholder={t('cases.anyone')} clearable searchable w={220} value={params.get('holder')} onChange={(v) => set('holder', v)}
          data={people.map((p) => ({ value: p.id, label: p.name }))} data-testid="holder-filter" />
        {filtered && <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('cases.reset')}</Button>}
      </Group>
      {list.error && <Alert color="red">{t('common.error', { message: list.error.message })}</Alert>}
      {list.isPending ? <Loader role="status" aria-label={t('common.loading')} /> : (list.data?.items ?? []).length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">{filtered ? t('cases.emptyFiltered') : t('cases.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="case-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.subject')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('cases.waitingFor')}</Table.Th>
                <Table.Th>{t('cases.started')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((c) => (
                <Table.Tr key={c.id} data-testid="case-row" data-case={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`} fw={600}>{c.subject}</Anchor>
                    <Text size="xs" c="dimmed">{c.route.name} · {t('case.version', { n: c.route.version })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={STATUS_COLOR[c.status] ?? 'gray'} variant="filled" styles={WHOLE_LABEL}>{t(`status.${c.status}`)}</Badge>
                      {c.stuck && <Badge color="red" variant="filled" styles={WHOLE_LABEL} title={t('cases.stuckHint')} data-testid="stuck">{t('cases.stuck')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td data-testid="waiting-for"><WaitingFor item={c} fmt={fmt} roleNames={roleNames} /></Table.Td>
                  <Table.Td><Text size="sm">{fmt.dateTime(c.startedAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > PAGE && (
        <Pagination total={Math.ceil(total / PAGE)} value={filter.page} onChange={(p) => set('page', p === 1 ? null : String(p))} aria-label={t('cases.page')}
          getControlProps={(control) => ({ 'aria-label': t(`cases.${control}`, { defaultValue: control }) })} getItemProps={(page) => ({ 'aria-label': `${t('cases.page')} ${page}` })} />
      )}
    </Stack>
  );
}
