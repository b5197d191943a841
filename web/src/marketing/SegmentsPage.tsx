// Segments: the saved client filters with their member counts now, and the builder
// (`/segments/new`, `/segments/:id`): filter controls, the live count (a debounced preview) and
// the first members.
import { Alert, Anchor, Button, Card, Checkbox, Group, Loader, MultiSelect, Select, SimpleGrid, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { CLIENT_STAGES, SOURCE_CHANNELS, tagChoices, useTags } from '../clients/queries.ts';
import { useSegment, useSegmentPreview, useSegments, type SegmentFilter } from './queries.ts';

export function SegmentsPage() {
  const { t } = useTranslation();
  const list = useSegments();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('marketing.segments.title')}</Title>
        <Button component={Link} to="/segments/new">{t('marketing.segments.new')}</Button>
      </Group>
      {list.isPending ? <Loader /> : list.isError ? <Alert color="red">{list.error.message}</Alert> : (
        <Table striped aria-label={t('marketing.segments.title')}>
          <Table.Thead><Table.Tr><Table.Th>{t('marketing.segments.name')}</Table.Th><Table.Th>{t('marketing.segments.description')}</Table.Th><Table.Th ta="right">{t('marketing.segments.count')}</Table.Th><Table.Th>{t('marketing.segments.owner')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td><Anchor component={Link} to={`/segments/${s.id}`}>{s.name}</Anchor></Table.Td>
                <Table.Td>{s.description ?? ''}</Table.Td>
                <Table.Td ta="right" data-testid="segment-count">{s.count}</Table.Td>
                <Table.Td>{s.owner.name}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

const yesNo = (v: boolean | undefined) => (v === undefined ? null : v ? 'yes' : 'no');
const fromYesNo = (v: string | null) => (v === 'yes' ? true : v === 'no' ? false : undefined);
/** Empty choices mean "no condition": the filter sent keeps only what is set. */
function clean(f: SegmentFilter): SegmentFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    if (k === 'tags' || k === 'purchases') {
      const inner = Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0)));
      if (Object.keys(inner).length) out[k] = inner;
      continue;
    }
    out[k] = v;
  }
  return out;
}

export function SegmentBuilder() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useSegment(id);
  const tags = useTags();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [filter, setFilter] = useState<SegmentFilter>({ marketingConsent: true });
  useEffect(() => {
    if (existing.data) {
      setName(existing.data.name);
      setFilter(existing.data.filter);
    }
  }, [existing.data]);
  const [debounced] = useDebouncedValue(clean(filter), 400);
  const preview = useSegmentPreview(debounced);
  const set = (patch: Partial<SegmentFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const save = useMutation({
    mutationFn: () => (id && existing.data
      ? unwrap(client.api.segments[':id'].$put({ param: { id }, json: { version: existing.data.version, name, filter: clean(filter) } }))
      : unwrap(client.api.segments.$post({ json: { name, filter: clean(filter) } }))),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: ['segments'] });
      await qc.invalidateQueries({ queryKey: ['segment', s.id] });
      void navigate(`/segments/${s.id}`);
    },
  });
  const tagData = tagChoices(tags.data?.items ?? []);
  const p = filter.purchases ?? {};
  return (
    <Stack>
      <Title order={2}>{id ? existing.data?.name ?? '' : t('marketing.segments.new')}</Title>
      <Card withBorder>
        <Stack>
          <TextInput label={t('marketing.segments.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-field="name" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect label={t('marketing.filter.tagsAny')} description={t('marketing.filter.tagsHint')} data={tagData} value={filter.tags?.any ?? []} onChange={(v) => set({ tags: { ...filter.tags, any: v } })} searchable />
            <MultiSelect label={t('marketing.filter.tagsNone')} data={tagData} value={filter.tags?.none ?? []} onChange={(v) => set({ tags: { ...filter.tags, none: v } })} searchable />
            <MultiSelect label={t('clients.field.stage')} data={CLIENT_STAGES.map((s) => ({ value: s, label: t(`clients.stages.${s}`) }))} value={filter.stages ?? []} onChange={(v) => set({ stages: v })} data-field="stages" />
            <MultiSelect label={t('clients.field.source')} data={SOURCE_CHANNELS.map((s) => ({ value: s, label: t(`clients.sources.${s}`) }))} value={filter.sourceChannels ?? []} onChange={(v) => set({ sourceChannels: v })} />
            <TagsInput label={t('clients.field.region')} value={filter.regions ?? []} onChange={(v) => set({ regions: v })} />
            <Select label={t('marketing.filter.bought')} clearable data={[{ value: 'yes', label: t('marketing.filter.boughtYes') }, { value: 'no', label: t('marketing.filter.boughtNo') }]} value={yesNo(p.bought)} onChange={(v) => set({ purchases: { ...p, bought: fromYesNo(v) } })} />
            <TextInput label={t('marketing.filter.from')} type="date" value={p.from ?? ''} onChange={(e) => set({ purchases: { ...p, from: e.currentTarget.value || undefined } })} />
            <TextInput label={t('marketing.filter.to')} type="date" value={p.to ?? ''} onChange={(e) => set({ purchases: { ...p, to: e.currentTarget.value || undefined } })} />
            <Select label={t('marketing.filter.hasEmail')} clearable data={[{ value: 'yes', label: t('marketing.yes') }, { value: 'no', label: t('marketing.no') }]} value={yesNo(filter.hasEmail)} onChange={(v) => set({ hasEmail: fromYesNo(v) })} />
            <Checkbox mt="lg" label={t('marketing.filter.consent')} checked={filter.marketingConsent === true} onChange={(e) => set({ marketingConsent: e.currentTarget.checked ? true : undefined })} />
          </SimpleGrid>
          {save.isError && <Alert color="red" role="alert">{save.error.message}</Alert>}
          <Group justify="space-between">
            <Text fw={600} data-testid="live-count" aria-live="polite">{preview.data ? t('marketing.segments.liveCount', { count: preview.data.count }) : '…'}</Text>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!name.trim()}>{t('marketing.save')}</Button>
          </Group>
        </Stack>
      </Card>
      <Title order={3} size="h4">{t('marketing.segments.firstMembers')}</Title>
      <Table striped aria-label={t('marketing.segments.firstMembers')}>
        <Table.Thead><Table.Tr><Table.Th>{t('clients.field.name')}</Table.Th><Table.Th>{t('clients.field.region')}</Table.Th><Table.Th>{t('clients.field.stage')}</Table.Th><Table.Th>{t('clients.field.email')}</Table.Th><Table.Th>{t('clients.field.owner')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(preview.data?.sample ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td><Anchor component={Link} to={`/clients/${m.id}`}>{m.name}</Anchor></Table.Td>
              <Table.Td>{m.region ?? ''}</Table.Td>
              <Table.Td>{t(`clients.stages.${m.stage}`)}</Table.Td>
              <Table.Td>{m.email ?? ''}</Table.Td>
              <Table.Td>{m.ownerName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
