// /complaints/:id: details with the SLA clock, the status timeline, public messages and internal
// notes, and the decision form with the knowledge-base search whose "cite" inserts the article's
// text and keeps it (id and version) as a citation. Buttons appear only where the API agrees.
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Select, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { useFormat } from '../format.ts';
import { KbSearch, SlaClock } from './parts.tsx';
import { DECISION_KINDS, type ComplaintDetail, type KbHit, useComplaint } from './queries.ts';

function Decision({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<(typeof DECISION_KINDS)[number]>(c.decisionKind ?? 'satisfied');
  const [text, setText] = useState(c.decisionText ?? '');
  const [cited, setCited] = useState<{ articleId: string; version: number; title: string }[]>(c.decisionCitations);
  const cite = async (hit: KbHit) => {
    const article = await unwrap(client.api.kb.articles[':id'].$get({ param: { id: hit.id }, query: { version: String(hit.version) } }));
    setText((prev) => `${prev}${prev ? '\n\n' : ''}${article.body}`);
    setCited((prev) => (prev.some((p) => p.articleId === article.id) ? prev : [...prev, { articleId: article.id, version: article.version, title: article.title }]));
  };
  const save = useMutation({
    mutationFn: () => unwrap(client.api.complaints[':id'].decision.$post({ param: { id: c.id }, json: { version: c.version, kind, text, citations: cited.map((x) => ({ articleId: x.articleId, version: x.version })) } })),
    onSuccess: (next) => queryClient.setQueryData(['complaint', c.id], next),
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">{t('complaints.decision')}</Title>
        <Select label={t('complaints.decisionKind')} data={DECISION_KINDS.map((k) => ({ value: k, label: t(`complaints.kinds.${k}`) }))} value={kind} onChange={(v) => v && setKind(v)} allowDeselect={false} />
        <Textarea label={t('complaints.decisionText')} autosize minRows={4} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        {cited.length > 0 && <Group gap="xs"><Text size="sm">{t('complaints.cited')}:</Text>{cited.map((x) => <Badge key={x.articleId} variant="light">{x.title} · {t('complaints.version', { v: x.version })}</Badge>)}</Group>}
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <Group><Button onClick={() => save.mutate()} loading={save.isPending} disabled={!text.trim()}>{t('complaints.decide')}</Button></Group>
        <KbSearch onCite={(hit) => void cite(hit)} />
      </Stack>
    </Card>
  );
}

function Writer({ c, kind }: { c: ComplaintDetail; kind: 'messages' | 'notes' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => (kind === 'messages' ? unwrap(client.api.complaints[':id'].messages.$post({ param: { id: c.id }, json: { text } })) : unwrap(client.api.complaints[':id'].notes.$post({ param: { id: c.id }, json: { text } }))),
    onSuccess: (next) => { setText(''); queryClient.setQueryData(['complaint', c.id], next); },
  });
  return (
    <Group align="end" gap="xs">
      <Textarea label={t(kind === 'messages' ? 'complaints.writeMessage' : 'complaints.writeNote')} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} />
      <Button variant="light" onClick={() => send.mutate()} disabled={!text.trim()} loading={send.isPending}>{t(kind === 'messages' ? 'complaints.send' : 'complaints.addNote')}</Button>
    </Group>
  );
}

export function ComplaintPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const q = useComplaint(id);
  const move = useMutation({
    mutationFn: (status: 'in-work' | 'waiting' | 'closed') => unwrap(client.api.complaints[':id'].status.$post({ param: { id: id! }, json: { version: q.data!.version, status } })),
    onSuccess: (next) => queryClient.setQueryData(['complaint', id], next),
  });
  const c = q.data;
  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!c) return null;
  const moves = ({ registered: ['in-work', 'waiting'], 'in-work': ['waiting'], waiting: ['in-work'], decided: ['closed', 'in-work'], closed: [] } as const)[c.status];
  const open = c.status !== 'closed';
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={1}>{c.number}: {c.subject}</Title>
          <Group gap="xs"><Badge>{t(`complaints.statuses.${c.status}`)}</Badge><Text size="sm">{t(`complaints.sources.${c.source}`)}</Text></Group>
        </Stack>
        <SlaClock item={c} />
      </Group>
      {c.rights.write && moves.length > 0 && <Group>{moves.map((m) => <Button key={m} variant="light" onClick={() => move.mutate(m)} loading={move.isPending}>{t(`complaints.toStatus.${m}`)}</Button>)}</Group>}
      {move.error && <Alert color="red">{move.error.message}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder>
              <Title order={2} size="h4">{t('complaints.details')}</Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{c.text}</Text>
              <Text size="sm" mt="xs">{t('complaints.clientId')}: {c.client ? <Anchor component={Link} to={`/clients/${c.client.id}`}>{c.client.name}</Anchor> : '—'}</Text>
              <Text size="sm">{t('complaints.contactName')}: {[c.contactName, c.contactPhone, c.contactEmail].filter(Boolean).join(', ') || '—'}</Text>
              <Text size="sm">{t('complaints.serial')}: {c.equipmentSerial ?? '—'}</Text>
              <Text size="sm">{t('complaints.departments')}: {c.departments.map((d) => d.name).join(', ') || '—'}</Text>
              {c.decisionText && (
                <Stack gap={2} mt="sm">
                  <Text fw={600}>{t('complaints.decision')}: {c.decisionKind && t(`complaints.kinds.${c.decisionKind}`)}</Text>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{c.decisionText}</Text>
                  {c.decidedBy && c.decidedAt && <Text size="xs" c="dimmed">{t('complaints.decidedBy', { name: c.decidedBy.name, at: fmt.dateTime(c.decidedAt) })}</Text>}
                  {c.decisionCitations.map((x) => <Text key={x.articleId} size="sm">↳ {x.title} ({t('complaints.version', { v: x.version })})</Text>)}
                </Stack>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t('complaints.messages')}</Title>
              {c.messages.filter((m) => m.kind !== 'note').map((m) => (
                <Text key={m.id} size="sm" mt={6}><b>{m.kind === 'from-client' ? t('complaints.fromClient') : m.authorName}</b> · {fmt.dateTime(m.at)}: {m.text}</Text>
              ))}
              {c.rights.write && open && <Writer c={c} kind="messages" />}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t('complaints.notes')}</Title>
              {c.messages.filter((m) => m.kind === 'note').map((m) => <Text key={m.id} size="sm" mt={6}><b>{m.authorName}</b> · {fmt.dateTime(m.at)}: {m.text}</Text>)}
              {c.rights.note && open && <Writer c={c} kind="notes" />}
            </Card>
            {c.rights.write && open && <Decision key={c.version} c={c} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">{t('complaints.timeline')}</Title>
            <Timeline active={c.history.length - 1} bulletSize={14}>
              {c.history.map((h, i) => (
                <Timeline.Item key={i} title={t(`complaints.statuses.${h.to}`)}>
                  <Text size="xs" c="dimmed">{fmt.dateTime(h.at)} · {h.by?.name ?? t('complaints.byCase')}</Text>
                  {h.comment && <Text size="sm">{h.comment}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
