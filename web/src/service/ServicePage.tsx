// The service register screen (/service): tabs for the equipment register (contracts ending
// within 30 days highlighted), installation orders (dates at risk marked), visits and phone
// consultations; each list searched, filtered, sorted and paged by the API, with the tab, filters
// and page in the address bar so a view can be bookmarked.
import { Alert, Anchor, Badge, Checkbox, Group, Loader, Pagination, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useEmployees } from '../case/queries.ts';
import { useFormat } from '../format.ts';
import {
  CONSULTATION_SORTS, EQUIPMENT_SORTS, EQUIPMENT_STATUSES, INSTALLATION_SORTS, INSTALLATION_STATUSES, VISIT_KINDS, VISIT_SORTS,
  useConsultations, useEquipmentList, useInstallations, useVisits,
} from './queries.ts';

const PAGE = 25;
// A badge shows its whole word; the table's column gives way instead of the status.
export const WHOLE_LABEL = { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } as const;
const TABS = ['register', 'installations', 'visits', 'consultations'] as const;
type Tab = (typeof TABS)[number];

// Shade 9 keeps white badge text at WCAG AA contrast.
export const ORDER_COLOR: Record<string, string> = { new: 'blue.9', returned: 'orange.9', accepted: 'violet.9', scheduled: 'cyan.9', done: 'teal.9', cancelled: 'gray.7' };
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

function Register() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { params, set, page, offset } = useParams();
  const list = useEquipmentList({ q: params.get('q') ?? undefined, status: params.get('status') ?? undefined, expiringSoon: params.get('soon') === '1' ? 'true' : undefined, sort: params.get('sort') ?? 'contractTo', limit: PAGE, offset });
  return (
    <Stack>
      <Group align="flex-end">
        <Search />
        <Select label={t('service.status')} clearable placeholder={t('service.any')} value={params.get('status')} onChange={(v) => set('status', v)} data={EQUIPMENT_STATUSES.map((s) => ({ value: s, label: t(`service.equipmentStatus.${s}`) }))} w={200} />
        <Checkbox label={t('service.expiringOnly')} checked={params.get('soon') === '1'} onChange={(e) => set('soon', e.currentTarget.checked ? '1' : null)} mb={8} />
        <SortSelect sorts={EQUIPMENT_SORTS} fallback="contractTo" />
      </Group>
      {list.error && <Alert color="red" role="alert">{t('service.error', { message: list.error.message })}</Alert>}
      {list.isLoading ? <Loader /> : (
        <Table striped highlightOnHover data-testid="register">
          <Table.Thead><Table.Tr><Table.Th>{t('service.col.model')}</Table.Th><Table.Th>{t('service.col.serial')}</Table.Th><Table.Th>{t('service.col.client')}</Table.Th><Table.Th>{t('service.col.site')}</Table.Th><Table.Th>{t('service.col.contract')}</Table.Th><Table.Th>{t('service.col.contractTo')}</Table.Th><Table.Th>{t('service.col.status')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((u) => (
              <Table.Tr key={u.id} data-testid="unit" bg={u.expiringSoon ? 'yellow.0' : undefined}>
                <Table.Td>{u.model}</Table.Td>
                <Table.Td><Text ff="monospace" size="sm">{u.serialNumber}</Text></Table.Td>
                <Table.Td><Anchor component={Link} to={`/clients/${u.client.id}`}>{u.client.name}</Anchor></Table.Td>
                <Table.Td>{u.siteAddress}</Table.Td>
                <Table.Td>{u.contractNumber ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">{u.contractTo ? fmt.date(u.contractTo) : '—'}{u.expiringSoon && <Badge styles={WHOLE_LABEL} color="yellow.4" variant="filled" autoContrast size="sm">{t('service.expiringSoon')}</Badge>}</Group>
                </Table.Td>
                <Table.Td><Badge styles={WHOLE_LABEL} color={UNIT_COLOR[u.status]} variant="filled">{t(`service.equipmentStatus.${u.status}`)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('service.empty')}</Text>}
      <Pager total={list.data?.total ?? 0} page={page} onPage={(p) => set('page', String(p))} />
    </Stack>
  );
}

function Installations() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const people = useEmployees();
  const { params, set, page, offset } = useParams();
  const list = useInstallations({ q: params.get('q') ?? undefined, status: params.get('status') ?? undefined, engineerId: params.get('engineer') ?? undefined, atRisk: params.get('risk') === '1' ? 'true' : undefined, sort: params.get('sort') ?? 'installBy', limit: PAGE, offset });
  return (
    <Stack>
      <Group align="flex-end">
        <Search />
        <Select label={t('service.status')} clearable placeholder={t('service.any')} value={params.get('status')} onChange={(v) => set('status', v)} data={INSTALLATION_STATUSES.map((s) => ({ value: s, label: t(`service.installationStatus.${s}`) }))} w={180} />
        <Select label={t('service.engineer')} clearable searchable placeholder={t('service.any')} value={params.get('engineer')} onChange={(v) => set('engineer', v)} data={people.map((p) => ({ value: p.id, label: p.name }))} w={220} />
        <Checkbox label={t('service.atRiskOnly')} checked={params.get('risk') === '1'} onChange={(e) => set('risk', e.currentTarget.checked ? '1' : null)} mb={8} />
        <SortSelect sorts={INSTALLATION_SORTS} fallback="installBy" />
      </Group>
      {list.error && <Alert color="red" role="alert">{t('service.error', { message: list.error.message })}</Alert>}
      {list.isLoading ? <Loader /> : (
        <Table striped highlightOnHover data-testid="installations">
          <Table.Thead><Table.Tr><Table.Th>{t('service.col.number')}</Table.Th><Table.Th>{t('service.col.client')}</Table.Th><Table.Th>{t('service.col.site')}</Table.Th><Table.Th>{t('service.col.installBy')}</Table.Th><Table.Th>{t('service.col.scheduled')}</Table.Th><Table.Th>{t('service.col.engineer')}</Table.Th><Table.Th>{t('service.col.status')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((o) => (
              <Table.Tr key={o.id} data-testid="order">
                <Table.Td><Anchor component={Link} to={`/service/installations/${o.id}`}>{o.contractNumber}</Anchor></Table.Td>
                <Table.Td>{o.client.name}</Table.Td>
                <Table.Td>{o.siteAddress}</Table.Td>
                <Table.Td><Group gap={6} wrap="nowrap">{fmt.date(o.installBy)}{o.atRisk && <Badge styles={WHOLE_LABEL} color="red.9" variant="filled" size="sm">{t('service.atRisk')}</Badge>}</Group></Table.Td>
                <Table.Td>{o.scheduledDate ? fmt.date(o.scheduledDate) : '—'}</Table.Td>
                <Table.Td>{o.engineer?.name ?? '—'}</Table.Td>
                <Table.Td><Badge styles={WHOLE_LABEL} color={ORDER_COLOR[o.status]} variant="filled">{t(`service.installationStatus.${o.status}`)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('service.empty')}</Text>}
      <Pager total={list.data?.total ?? 0} page={page} onPage={(p) => set('page', String(p))} />
    </Stack>
  );
}

function Visits() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const people = useEmployees();
  const { params, set, page, offset } = useParams();
  const list = useVisits({ q: params.get('q') ?? undefined, kind: params.get('kind') ?? undefined, engineerId: params.get('engineer') ?? undefined, done: params.get('done') ?? undefined, sort: params.get('sort') ?? '-plannedDate', limit: PAGE, offset });
  return (
    <Stack>
      <Group align="flex-end">
        <Search />
        <Select label={t('service.kind')} clearable placeholder={t('service.any')} value={params.get('kind')} onChange={(v) => set('kind', v)} data={VISIT_KINDS.map((k) => ({ value: k, label: t(`service.visitKinds.${k}`) }))} w={180} />
        <Select label={t('service.engineer')} clearable searchable placeholder={t('service.any')} value={params.get('engineer')} onChange={(v) => set('engineer', v)} data={people.map((p) => ({ value: p.id, label: p.name }))} w={220} />
        <Select label={t('service.doneFilter')} clearable placeholder={t('service.any')} value={params.get('done')} onChange={(v) => set('done', v)} data={[{ value: 'true', label: t('service.done') }, { value: 'false', label: t('service.planned') }]} w={160} />
        <SortSelect sorts={VISIT_SORTS} fallback="-plannedDate" />
      </Group>
      {list.error && <Alert color="red" role="alert">{t('service.error', { message: list.error.message })}</Alert>}
      <Table striped data-testid="visits">
        <Table.Thead><Table.Tr><Table.Th>{t('service.col.planned')}</Table.Th><Table.Th>{t('service.col.equipment')}</Table.Th><Table.Th>{t('service.col.client')}</Table.Th><Table.Th>{t('service.col.kind')}</Table.Th><Table.Th>{t('service.col.engineer')}</Table.Th><Table.Th>{t('service.col.result')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>{fmt.date(v.plannedDate)}</Table.Td>
              <Table.Td>{v.equipment.model} · <Text span ff="monospace" size="sm">{v.equipment.serialNumber}</Text></Table.Td>
              <Table.Td><Anchor component={Link} to={`/clients/${v.client.id}`}>{v.client.name}</Anchor></Table.Td>
              <Table.Td>{t(`service.visitKinds.${v.kind}`)}</Table.Td>
              <Table.Td>{v.engineer.name}</Table.Td>
              <Table.Td>{v.doneAt ? v.result ?? t('service.done') : <Badge styles={WHOLE_LABEL} color="blue.9" variant="filled">{t('service.planned')}</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager total={list.data?.total ?? 0} page={page} onPage={(p) => set('page', String(p))} />
    </Stack>
  );
}

function Consultations() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const people = useEmployees();
  const { params, set, page, offset } = useParams();
  const list = useConsultations({ q: params.get('q') ?? undefined, byId: params.get('by') ?? undefined, sort: params.get('sort') ?? '-at', limit: PAGE, offset });
  return (
    <Stack>
      <Group align="flex-end">
        <Search />
        <Select label={t('service.col.by')} clearable searchable placeholder={t('service.any')} value={params.get('by')} onChange={(v) => set('by', v)} data={people.map((p) => ({ value: p.id, label: p.name }))} w={220} />
        <SortSelect sorts={CONSULTATION_SORTS} fallback="-at" />
      </Group>
      {list.error && <Alert color="red" role="alert">{t('service.error', { message: list.error.message })}</Alert>}
      <Table striped data-testid="consultations">
        <Table.Thead><Table.Tr><Table.Th>{t('service.col.at')}</Table.Th><Table.Th>{t('service.col.client')}</Table.Th><Table.Th>{t('service.col.question')}</Table.Th><Table.Th>{t('service.col.answer')}</Table.Th><Table.Th>{t('service.col.by')}</Table.Th><Table.Th>{t('service.col.minutes')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>{fmt.dateTime(k.at)}</Table.Td>
              <Table.Td><Anchor component={Link} to={`/clients/${k.client.id}`}>{k.client.name}</Anchor></Table.Td>
              <Table.Td>{k.question}</Table.Td>
              <Table.Td>{k.answer ?? '—'}</Table.Td>
              <Table.Td>{k.by.name}</Table.Td>
              <Table.Td>{k.durationMinutes}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager total={list.data?.total ?? 0} page={page} onPage={(p) => set('page', String(p))} />
    </Stack>
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
