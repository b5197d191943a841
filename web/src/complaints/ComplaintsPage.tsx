// /complaints: the list with SLA clocks (working time left, red when overdue, grey when paused),
// filters and sort kept in the address bar, paging; the quality officer registers a complaint here.
import { Alert, Button, Checkbox, Group, MultiSelect, Pagination, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useFormat } from '../format.ts';
import { SlaClock } from './parts.tsx';
import { COMPLAINT_SOURCES, COMPLAINT_STATUSES, type ComplaintStatus, useComplaintChoices, useComplaints } from './queries.ts';

const PAGE = 25;
const EDITORS = ['quality', 'management', 'admin'];

function NewComplaint({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const choices = useComplaintChoices();
  const [form, setForm] = useState({ source: 'phone' as (typeof COMPLAINT_SOURCES)[number], subject: '', text: '', contactName: '', contactPhone: '', departments: [] as string[] });
  const save = useMutation({
    mutationFn: () => unwrap(client.api.complaints.$post({ json: { source: form.source, subject: form.subject, text: form.text, contactName: form.contactName || null, contactPhone: form.contactPhone || null, departments: form.departments } })),
    onSuccess: async (c) => { await queryClient.invalidateQueries({ queryKey: ['complaints'] }); onDone(); void navigate(`/complaints/${c.id}`); },
  });
  // The API's messages are English; the fields a person mistypes get the page's own words.
  const errors: Record<string, string> = save.error instanceof ApiError ? Object.fromEntries(save.error.problems.map((p) => [p.path, p.path === 'contactPhone' ? t('complaints.badPhone') : p.message])) : {};
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <Stack gap="xs" maw={640}>
        <Select label={t('complaints.source')} data={COMPLAINT_SOURCES.map((s) => ({ value: s, label: t(`complaints.sources.${s}`) }))} value={form.source} onChange={(v) => v && setForm({ ...form, source: v })} allowDeselect={false} />
        <TextInput label={t('complaints.subject')} required value={form.subject} onChange={(e) => setForm({ ...form, subject: e.currentTarget.value })} error={errors.subject} />
        <Textarea label={t('complaints.text')} required autosize minRows={3} value={form.text} onChange={(e) => setForm({ ...form, text: e.currentTarget.value })} error={errors.text} />
        <Group grow>
          <TextInput label={t('complaints.contactName')} value={form.contactName} onChange={(e) => setForm({ ...form, contactName: e.currentTarget.value })} error={errors.clientId} />
          <TextInput label={t('complaints.contactPhone')} value={form.contactPhone} onChange={(e) => setForm({ ...form, contactPhone: e.currentTarget.value })} error={errors.contactPhone} />
        </Group>
        <MultiSelect label={t('complaints.departments')} data={(choices.data?.departments ?? []).map((d) => ({ value: d.code, label: d.name }))} value={form.departments} onChange={(v) => setForm({ ...form, departments: v })} />
        {save.error && !Object.keys(errors).length && <Alert color="red">{save.error.message}</Alert>}
        <Group><Button type="submit" loading={save.isPending}>{t('complaints.register')}</Button></Group>
      </Stack>
    </form>
  );
}

export function ComplaintsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const page = Number(params.get('page') ?? '1');
  const status = (params.get('status') ?? undefined) as ComplaintStatus | undefined;
  const sort = params.get('sort') === '-registeredAt' ? '-registeredAt' : 'timeLeft';
  const set = (k: string, v: string | null) => { const next = new URLSearchParams(params); if (v) next.set(k, v); else next.delete(k); if (k !== 'page') next.delete('page'); setParams(next, { replace: true }); };
  const list = useComplaints({ q: params.get('q') ?? undefined, status, overdue: params.get('overdue') === 'true' ? 'true' : undefined, sort, offset: (page - 1) * PAGE, limit: PAGE });
  const canWrite = me.data?.roles.some((r) => EDITORS.includes(r)) ?? false;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('complaints.title')}</Title>
        {canWrite && <Button onClick={() => setCreating((v) => !v)} variant={creating ? 'light' : 'filled'}>{t('complaints.new')}</Button>}
      </Group>
      {creating && <NewComplaint onDone={() => setCreating(false)} />}
      <Group align="end">
        <TextInput label={t('complaints.search')} placeholder={t('complaints.searchHint')} defaultValue={params.get('q') ?? ''} onBlur={(e) => set('q', e.currentTarget.value.trim() || null)} onKeyDown={(e) => { if (e.key === 'Enter') set('q', e.currentTarget.value.trim() || null); }} />
        <Select label={t('complaints.status')} clearable placeholder={t('complaints.any')} data={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaints.statuses.${s}`) }))} value={status ?? null} onChange={(v) => set('status', v)} />
        <Select label={t('complaints.sort')} data={(['timeLeft', '-registeredAt'] as const).map((s) => ({ value: s, label: t(`complaints.sorts.${s}`) }))} value={sort} onChange={(v) => set('sort', v)} allowDeselect={false} />
        <Checkbox label={t('complaints.overdueOnly')} checked={params.get('overdue') === 'true'} onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)} mb={8} />
      </Group>
      <Text c="dimmed">{t('complaints.total', { count: list.data?.total ?? 0 })}</Text>
      {list.data?.items.length === 0 ? <Text>{t('complaints.empty')}</Text> : (
        <Table striped highlightOnHover>
          <Table.Thead><Table.Tr>{(['number', 'subject', 'client', 'status', 'clock', 'registered'] as const).map((c) => <Table.Th key={c}>{t(`complaints.col.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td><Link to={`/complaints/${k.id}`}>{k.number}</Link></Table.Td>
                <Table.Td>{k.subject}</Table.Td>
                <Table.Td>{k.client ? <Link to={`/clients/${k.client.id}`}>{k.client.name}</Link> : k.contactName}</Table.Td>
                <Table.Td>{t(`complaints.statuses.${k.status}`)}</Table.Td>
                <Table.Td><SlaClock item={k} /></Table.Td>
                <Table.Td>{fmt.dateTime(k.registeredAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(list.data?.total ?? 0) > PAGE && <Pagination total={Math.ceil((list.data?.total ?? 0) / PAGE)} value={page} onChange={(p) => set('page', String(p))} getControlProps={(c) => ({ 'aria-label': t(c === 'previous' ? 'complaints.previous' : 'complaints.next') })} />}
    </Stack>
  );
}
