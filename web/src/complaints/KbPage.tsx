// /kb: search the knowledge base (matches highlighted), browse the articles, and - for the quality
// officer, management and admins - write and edit them (each save is a new version; cited
// versions stay readable).
import { Alert, Anchor, Button, Card, Grid, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useFormat } from '../format.ts';
import { KbSearch } from './parts.tsx';
import { useArticle } from './queries.ts';

const EDITORS = ['quality', 'management', 'admin'];

function Editor({ id, onDone }: { id: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = useArticle(id ?? undefined);
  const a = existing.data;
  const [form, setForm] = useState({ title: a?.title ?? '', body: a?.body ?? '', category: a?.category ?? '', tags: a?.tags.join(', ') ?? '' });
  const save = useMutation({
    mutationFn: () => {
      const fields = { title: form.title, body: form.body, category: form.category, tags: form.tags.split(',').map((x) => x.trim()).filter(Boolean) };
      return a ? unwrap(client.api.kb.articles[':id'].$patch({ param: { id: a.id }, json: { version: a.version, ...fields } })) : unwrap(client.api.kb.articles.$post({ json: fields }));
    },
    onSuccess: async () => { await queryClient.invalidateQueries({ queryKey: ['kb-articles'] }); onDone(); },
  });
  if (id && !a) return null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <TextInput label={t('complaints.title_')} value={form.title} onChange={(e) => setForm({ ...form, title: e.currentTarget.value })} />
        <TextInput label={t('complaints.category')} value={form.category} onChange={(e) => setForm({ ...form, category: e.currentTarget.value })} />
        <TextInput label={t('complaints.tags')} value={form.tags} onChange={(e) => setForm({ ...form, tags: e.currentTarget.value })} />
        <Textarea label={t('complaints.body')} autosize minRows={6} value={form.body} onChange={(e) => setForm({ ...form, body: e.currentTarget.value })} />
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <Group><Button onClick={() => save.mutate()} loading={save.isPending}>{t('complaints.kbSave')}</Button></Group>
      </Stack>
    </Card>
  );
}

export function KbPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const canWrite = me.data?.roles.some((r) => EDITORS.includes(r)) ?? false;
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const list = useQuery({ queryKey: ['kb-articles'], queryFn: () => unwrap(client.api.kb.articles.$get({ query: { sort: 'category', limit: '200' } })), placeholderData: keepPreviousData });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('complaints.kbTitle')}</Title>
        {canWrite && <Button onClick={() => setEditing(null)}>{t('complaints.kbNew')}</Button>}
      </Group>
      {editing !== undefined && <Editor key={editing ?? 'new'} id={editing} onDone={() => setEditing(undefined)} />}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}><KbSearch /></Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('complaints.title_')}</Table.Th><Table.Th>{t('complaints.category')}</Table.Th><Table.Th>{t('complaints.updated')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((a) => (
                <Table.Tr key={a.id}>
                  {/* A link-styled button wraps a long title; a Button does not and pushed the table off the screen. */}
                  <Table.Td>{canWrite ? <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setEditing(a.id)}>{a.title}</Anchor> : <Text size="sm">{a.title}</Text>}</Table.Td>
                  <Table.Td>{a.category}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(a.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
