// The service register screen (/service): tabs for the equipment register (contracts ending
// within 30 days highlighted), installation orders (dates at risk marked), visits and phone
// consultations; each list searched, filtered, sorted and paged by the API, with the tab, filters
// and page in the address bar so a view can be bookmarked. The service department registers
// equipment, plans visits and records their results, logs consultations here; sales and the
// service department hand over installation orders.
import { Alert, Anchor, Badge, Checkbox, Group, Loader, Pagination, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useEmployees } from '../case/queries.ts';
import { useFormat } from '../format.ts';
import {
  CONSULTATION_SORTS, EQUIPMENT_SORTS, EQUIPMENT_STATUSES, INSTALLATION_SORTS, INSTALLATION_STATUSES, VISIT_KINDS, VISIT_SORTS,
  useConsultations, useEquipmentList, useInstallations, useVisits, type Query,
} from './queries.ts';
import { ServiceDialogButton, VisitResultButton, useServiceRights } from './forms.tsx';

const PAGE = 25;
// A badge shows its whole word; the table's column gives way instead of the status.
export const WHOLE_LABEL = { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } as const;
const TABS = ['register', 'installations', 'visits', 'consultations'] as const;
type Tab = (typeof TABS)[number];

// Shade 9 keeps white badge text at WCAG AA contrast (orange.9 does not: 4.29:1, so 'returned' is pink).
export const ORDER_COLOR: Record<string, string> = { new: 'blue.9', returned: 'pink.9', accepted: 'violet.9', scheduled: 'cyan.9', done: 'teal.9', cancelled: 'gray.7' };
export const UNIT_COLOR: Record<string, string> = { 'in-service': 'teal.9', 'contract-expired': 'red.9', removed: 'gray.7' };

function useParams() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });
  const page = Math.max(1, Number(params.get('page')) || 1);
  return { params, set, page, offset: (page - 1) * PAGE };
}

function Pager({ total, page, onPage }: { total: number; page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / PAGE));
  return (
    <Group justify="space-between">
      <Text c="dimmed" size="sm" data-testid="total">{t('service.total', { count: total })}</Text>
      {pages > 1 && <Pagination total={pages} value={page} onChange={onPage} getControlProps={(c) => ({ 'aria-label': `${t('service.page')} ${c}` })} getItemProps={(p) => ({ 'aria-label': `${t('service.page')} ${p}` })} />}
    </Group>
  );
}

function Search() {
  const { t } = useTranslation();
  const { params, set } = useParams();
  return <TextInput label={t('service.search')} placeholder={t('service.searchHint')} defaultValue={params.get('q') ?? ''} onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value.trim())} onBlur={(e) => set('q', e.currentTarget.value.trim())} w={280} />;
}

function SortSelect({ sorts, fallback }: { sorts: readonly string[]; fallback: string }) {
  const { t } = useTranslation();
  const { params, set } = useParams();
  return <Select label={t('service.sort')} allowDeselect={false} value={params.get('sort') ?? fallback} onChange={(v) => set('sort', v)} data={sorts.map((s) => ({ value: s, label: t(`service.sorts.${s}`) }))} w={240} />;
}

type Params = ReturnType<typeof useParams>;
interface Page<T> { items: T[]; total: number }

/**
 * One tab of the register: its filters, the list the API answers for them, the table's columns and
 * a row per item, the pager. The four tabs differ only in these parameters.
 */
function ListTab<T extends { id: string }>({ testId, filters, sorts, fallbackSort, list, head, row, rowProps, actions }: {
  testId: string;
  filters: ReactNode;
  sorts: readonly string[];
  fallbackSort: string;
  list: UseQueryResult<Page<T>>;
  head: string[];
  row: (item: T) => ReactNode;
  rowProps?: (item: T) => Record<string, unknown>;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const { set, page } = useParams();
  return (
    <Stack>
      <Group align="flex-end">
        <Search />
        {filters}
        <SortSelect sorts={sorts} fallback={fallbackSort} />
        {actions && <Group ml="auto" gap="xs">{actions}</Group>}
      </Group>
      {list.error && <Alert color="red" role="alert">{t('service.error', { message: list.error.message })}</Alert>}
      {list.isLoading ? <Loader role="status" aria-label={t('common.loading')} /> : (
        <Table striped highlightOnHover data-testid={testId}>
          <Table.Thead><Table.Tr>{head.map((h) => <Table.Th key={h}>{t(`service.col.${h}`)}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>{list.data?.items.map((item) => <Table.Tr key={item.id} {...rowProps?.(item)}>{row(item)}</Table.Tr>)}</Table.Tbody>
        </Table>
      )}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('service.empty')}</Text>}
      <Pager total={list.data?.total ?? 0} page={page} onPage={(p) => set('page', String(p))} />
    </Stack>
  );
}

/** A filter kept in the address bar under `param`, chosen from `values` labelled by `labels.<value>`. */
function FilterSelect({ p, param, label, values, labels, w = 200 }: { p: Params; param: string; label: string; values: readonly string[]; labels: string; w?: number }) {
  const { t } = useTranslation();
  return <Select label={label} clearable placeholder={t('service.any')} value={p.params.get(param)} onChange={(v) => p.set(param, v)} data={values.map((s) => ({ value: s, label: t(`${labels}.${s}`) }))} w={w} />;
}

function PersonFilter({ p, param, label }: { p: Params; param: string; label: string }) {
  const { t } = useTranslation();
  const people = useEmployees();
  return <Select label={label} clearable searchable placeholder={t('service.any')} value={p.params.get(param)} onChange={(v) => p.set(param, v)} data={people.map((x) => ({ value: x.id, label: x.name }))} w={220} />;
}

function FlagFilter({ p, param, label }: { p: Params; param: string; label: string }) {
  return <Checkbox label={label} checked={p.params.get(param) === '1'} onChange={(e) => p.set(param, e.currentTarget.checked ? '1' : null)} mb={8} />;
}

const query = (p: Params, fallbackSort: string, more: Query): Query => ({ q: p.params.get('q') ?? undefined, sort: p.params.get('sort') ?? fallbackSort, limit: PAGE, offset: p.offset, ...more });
const flag = (p: Params, param: string) => (p.params.get(param) === '1' ? 'true' : undefined);

function Register() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = useParams();
  const rights = useServiceRights();
  const list = useEquipmentList(query(p, 'contractTo', { status: p.params.get('status') ?? undefined, expiringSoon: flag(p, 'soon') }));
  return (
    <ListTab testId="register" list={list} sorts={EQUIPMENT_SORTS} fallbackSort="contractTo"
      filters={<>
        <FilterSelect p={p} param="status" label={t('service.status')} values={EQUIPMENT_STATUSES} labels="service.equipmentStatus" />
        <FlagFilter p={p} param="soon" label={t('service.expiringOnly')} />
      </>}
      actions={rights.service && <ServiceDialogButton dialog="equipment" />}
      head={['model', 'serial', 'client', 'site', 'contract', 'contractTo', 'status']}
      rowProps={(u) => ({ 'data-testid': 'unit', bg: u.expiringSoon ? 'yellow.0' : undefined })}
      row={(u) => <>
        <Table.Td>{u.model}</Table.Td>
        <Table.Td><Text ff="monospace" size="sm">{u.serialNumber}</Text></Table.Td>
        <Table.Td><Anchor component={Link} to={`/clients/${u.client.id}`}>{u.client.name}</Anchor></Table.Td>
        <Table.Td>{u.siteAddress}</Table.Td>
        <Table.Td>{u.contractNumber ?? '—'}</Table.Td>
        <Table.Td>
          <Group gap={6} wrap="nowrap">{u.contractTo ? fmt.date(u.contractTo) : '—'}{u.expiringSoon && <Badge styles={WHOLE_LABEL} color="yellow.4" variant="filled" autoContrast size="sm">{t('service.expiringSoon')}</Badge>}</Group>
        </Table.Td>
        <Table.Td><Badge styles={WHOLE_LABEL} color={UNIT_COLOR[u.status]} variant="filled">{t(`service.equipmentStatus.${u.status}`)}</Badge></Table.Td>
      </>} />
  );
}

function Installations() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = useParams();
  const rights = useServiceRights();
  const list = useInstallations(query(p, 'installBy', { status: p.params.get('status') ?? undefined, engineerId: p.params.get('engineer') ?? undefined, atRisk: flag(p, 'risk') }));
  return (
    <ListTab testId="installations" list={list} sorts={INSTALLATION_SORTS} fallbackSort="installBy"
      filters={<>
        <FilterSelect p={p} param="status" label={t('service.status')} values={INSTALLATION_STATUSES} labels="service.installationStatus" w={180} />
        <PersonFilter p={p} param="engineer" label={t('service.engineer')} />
        <FlagFilter p={p} param="risk" label={t('service.atRiskOnly')} />
      </>}
      actions={rights.handOver && <ServiceDialogButton dialog="installation" />}
      head={['number', 'client', 'site', 'installBy', 'scheduled', 'engineer', 'status']}
      rowProps={() => ({ 'data-testid': 'order' })}
      row={(o) => <>
        <Table.Td><Anchor component={Link} to={`/service/installations/${o.id}`}>{o.contractNumber}</Anchor></Table.Td>
        <Table.Td>{o.client.name}</Table.Td>
        <Table.Td>{o.siteAddress}</Table.Td>
        <Table.Td><Group gap={6} wrap="nowrap">{fmt.date(o.installBy)}{o.atRisk && <Badge styles={WHOLE_LABEL} color="red.9" variant="filled" size="sm">{t('service.atRisk')}</Badge>}</Group></Table.Td>
        <Table.Td>{o.scheduledDate ? fmt.date(o.scheduledDate) : '—'}</Table.Td>
        <Table.Td>{o.engineer?.name ?? '—'}</Table.Td>
        <Table.Td><Badge styles={WHOLE_LABEL} color={ORDER_COLOR[o.status]} variant="filled">{t(`service.installationStatus.${o.status}`)}</Badge></Table.Td>
      </>} />
  );
}

function Visits() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = useParams();
  const rights = useServiceRights();
  const list = useVisits(query(p, '-plannedDate', { kind: p.params.get('kind') ?? undefined, engineerId: p.params.get('engineer') ?? undefined, done: p.params.get('done') ?? undefined }));
  return (
    <ListTab testId="visits" list={list} sorts={VISIT_SORTS} fallbackSort="-plannedDate"
      filters={<>
        <FilterSelect p={p} param="kind" label={t('service.kind')} values={VISIT_KINDS} labels="service.visitKinds" w={180} />
        <PersonFilter p={p} param="engineer" label={t('service.engineer')} />
        <Select label={t('service.doneFilter')} clearable placeholder={t('service.any')} value={p.params.get('done')} onChange={(v) => p.set('done', v)} data={[{ value: 'true', label: t('service.done') }, { value: 'false', label: t('service.planned') }]} w={160} />
      </>}
      actions={rights.service && <ServiceDialogButton dialog="visit" />}
      head={['planned', 'equipment', 'client', 'kind', 'engineer', 'result']}
      rowProps={() => ({ 'data-testid': 'visit' })}
      row={(v) => <>
        <Table.Td>{fmt.date(v.plannedDate)}</Table.Td>
        <Table.Td>{v.equipment.model} · <Text span ff="monospace" size="sm">{v.equipment.serialNumber}</Text></Table.Td>
        <Table.Td><Anchor component={Link} to={`/clients/${v.client.id}`}>{v.client.name}</Anchor></Table.Td>
        <Table.Td>{t(`service.visitKinds.${v.kind}`)}</Table.Td>
        <Table.Td>{v.engineer.name}</Table.Td>
        <Table.Td>
          {v.doneAt ? v.result ?? t('service.done') : (
            <Group gap="xs" wrap="nowrap">
              <Badge styles={WHOLE_LABEL} color="blue.9" variant="filled">{t('service.planned')}</Badge>
              {rights.service && <VisitResultButton visit={v} />}
            </Group>
          )}
        </Table.Td>
      </>} />
  );
}

function Consultations() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = useParams();
  const rights = useServiceRights();
  const list = useConsultations(query(p, '-at', { byId: p.params.get('by') ?? undefined }));
  return (
    <ListTab testId="consultations" list={list} sorts={CONSULTATION_SORTS} fallbackSort="-at"
      filters={<PersonFilter p={p} param="by" label={t('service.col.by')} />}
      actions={rights.service && <ServiceDialogButton dialog="consultation" />}
      head={['at', 'client', 'question', 'answer', 'by', 'minutes']}
      rowProps={() => ({ 'data-testid': 'consultation' })}
      row={(k) => <>
        <Table.Td>{fmt.dateTime(k.at)}</Table.Td>
        <Table.Td><Anchor component={Link} to={`/clients/${k.client.id}`}>{k.client.name}</Anchor></Table.Td>
        <Table.Td>{k.question}</Table.Td>
        <Table.Td>{k.answer ?? '—'}</Table.Td>
        <Table.Td>{k.by.name}</Table.Td>
        <Table.Td>{k.durationMinutes}</Table.Td>
      </>} />
  );
}

export function ServicePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'register';
  return (
    <Stack>
      <Title order={1} size="h2">{t('service.title')}</Title>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'register' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List>{TABS.map((x) => <Tabs.Tab key={x} value={x}>{t(`service.tabs.${x}`)}</Tabs.Tab>)}</Tabs.List>
        <Tabs.Panel value="register" pt="md"><Register /></Tabs.Panel>
        <Tabs.Panel value="installations" pt="md"><Installations /></Tabs.Panel>
        <Tabs.Panel value="visits" pt="md"><Visits /></Tabs.Panel>
        <Tabs.Panel value="consultations" pt="md"><Consultations /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
