// The client list: only the clients the person may see, searched (name, INN, contact, phone) and
// filtered (owner, stage, a tag with the tags below it, source channel, region), sorted and paged
// by 25 with the total; all of it in the address bar, so a view can be bookmarked or shared.
import { Alert, Anchor, Badge, Button, Group, Loader, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ExportButton } from '../transfer/ExportButton.tsx';
import { useEmployees } from '../case/queries.ts';
import { useFormat } from '../format.ts';
import { NewClientModal } from './NewClient.tsx';
import { CLIENT_SORTS, CLIENT_STAGES, SOURCE_CHANNELS, tagChoices, useClientList, useTags, type ClientListFilter } from './queries.ts';

const PAGE = 25;
const FILTER_KEYS = ['q', 'owner', 'stage', 'tag', 'source', 'region'];

// Shade 9 (gray 7): white text on them keeps WCAG AA contrast at badge size.
export const STAGE_COLOR: Record<string, string> = { potential: 'blue.9', 'one-time': 'violet.9', regular: 'teal.9', lost: 'gray.7' };

function readFilter(params: URLSearchParams): ClientListFilter & { page: number } {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pick = <T extends string>(list: readonly T[], v: string | null): T | undefined => list.find((x) => x === v);
  return {
    q: params.get('q') ?? undefined,
    ownerId: params.get('owner') ?? undefined,
    stage: pick(CLIENT_STAGES, params.get('stage')),
    tagId: params.get('tag') ?? undefined,
    sourceChannel: pick(SOURCE_CHANNELS, params.get('source')),
    region: params.get('region') ?? undefined,
    sort: pick(CLIENT_SORTS, params.get('sort')) ?? 'name',
    limit: PAGE,
    offset: (page - 1) * PAGE,
    page,
  };
}

/** A text box that writes to the address bar once the person stops typing. */
function useDebouncedParam(value: string | null, write: (v: string) => void) {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text, 350);
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (debounced !== (value ?? '')) write(debounced.trim());
    // Only the person's typing should write; the address changing is read by the effect above.
  }, [debounced]);
  return [text, setText] as const;
}

export function ClientsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const list = useClientList(filter);
  const people = useEmployees();
  const tags = useTags();
  const [creating, setCreating] = useState(false);
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
  const [region, setRegion] = useDebouncedParam(params.get('region'), (v) => set('region', v));
  const filtered = FILTER_KEYS.some((k) => params.has(k));
  const total = list.data?.total ?? 0;

  return (
    <Stack maw={1280} mx="auto">
      <Group justify="space-between">
        <Group gap="md" align="baseline">
          <Title order={2}>{t('clients.title')}</Title>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="clients-total">{list.data ? t('clients.total', { count: total }) : ''}</Text>
        </Group>
        <Group gap="sm"><ExportButton list="clients" params={params} /><Button onClick={() => setCreating(true)}>{t('clients.create.open')}</Button></Group>
      </Group>
      <Group gap="sm" align="end" wrap="wrap" role="search" aria-label={t('clients.filters')}>
        <TextInput label={t('clients.search')} placeholder={t('clients.searchHint')} w={300} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" data-testid="client-search" />
        <Select label={t('clients.owner')} placeholder={t('clients.anyone')} clearable searchable w={200} value={params.get('owner')} onChange={(v) => set('owner', v)}
          data={people.map((p) => ({ value: p.id, label: p.name }))} />
        <Select label={t('clients.stage')} placeholder={t('clients.any')} clearable w={170} value={params.get('stage')} onChange={(v) => set('stage', v)}
          data={CLIENT_STAGES.map((s) => ({ value: s, label: t(`clients.stages.${s}`) }))} />
        <Select label={t('clients.tag')} placeholder={t('clients.any')} clearable searchable w={210} value={params.get('tag')} onChange={(v) => set('tag', v)}
          data={tagChoices(tags.data?.items ?? [])} data-testid="tag-filter" />
        <Select label={t('clients.source')} placeholder={t('clients.any')} clearable w={190} value={params.get('source')} onChange={(v) => set('source', v)}
          data={SOURCE_CHANNELS.map((s) => ({ value: s, label: t(`clients.sources.${s}`) }))} />
        <TextInput label={t('clients.region')} w={150} value={region} onChange={(e) => setRegion(e.currentTarget.value)} />
        <Select label={t('clients.sort')} w={210} value={filter.sort} allowDeselect={false} onChange={(v) => set('sort', v === 'name' ? null : v)}
          data={CLIENT_SORTS.map((s) => ({ value: s, label: t(`clients.sorts.${s}`) }))} />
        {filtered && <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('clients.reset')}</Button>}
      </Group>
      {list.error && <Alert color="red">{t('common.error', { message: list.error.message })}</Alert>}
      {list.isPending ? <Loader role="status" aria-label={t('common.loading')} /> : (list.data?.items ?? []).length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">{filtered ? t('clients.emptyFiltered') : t('clients.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="client-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.col.name')}</Table.Th>
                <Table.Th style={{ minWidth: 150 }}>{t('clients.col.stage')}</Table.Th>
                <Table.Th>{t('clients.col.contact')}</Table.Th>
                <Table.Th>{t('clients.col.tags')}</Table.Th>
                <Table.Th>{t('clients.col.owner')}</Table.Th>
                <Table.Th>{t('clients.col.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((c) => (
                <Table.Tr key={c.id} data-testid="client-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${c.id}`} fw={600}>{c.name}</Anchor>
                    <Text size="xs" c="dimmed">{[t(`clients.kinds.${c.kind}`), c.inn ? `${t('clients.field.inn')} ${c.inn}` : null, c.region].filter(Boolean).join(' · ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STAGE_COLOR[c.stage] ?? 'gray'} variant="filled" tt="none">{t(`clients.stages.${c.stage}`)}</Badge>
                    {c.probability !== null && <Text size="xs" c="dimmed">{c.probability} %</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.primaryContact?.fullName ?? ''}</Text>
                    <Text size="xs" c="dimmed">{(c.primaryContact?.phones[0] ?? c.phones[0]) ?? c.email ?? ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>{c.tags.map((g) => <Badge key={g.id} variant="outline" color="gray" size="sm" tt="none">{g.name}</Badge>)}</Group>
                  </Table.Td>
                  <Table.Td><Text size="sm">{c.owner.name}</Text></Table.Td>
                  <Table.Td><Text size="sm">{fmt.dateTime(c.updatedAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > PAGE && (
        <Pagination total={Math.ceil(total / PAGE)} value={filter.page} onChange={(p) => set('page', p === 1 ? null : String(p))} aria-label={t('clients.page')}
          getControlProps={(control) => ({ 'aria-label': t(`clients.${control}`) })} getItemProps={(page) => ({ 'aria-label': `${t('clients.page')} ${page}` })} />
      )}
      <NewClientModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
