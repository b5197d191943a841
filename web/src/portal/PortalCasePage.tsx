// /portal/c/:token: the client's complaint - status in plain words, when it came in and when the
// answer is due (the company's time zone), the messages both ways, the decision, and a reply box.
import { Alert, Anchor, Badge, Button, Divider, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { makeFormatter } from '../format.ts';
import { PortalShell } from './PortalShell.tsx';

export function PortalCasePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['portal-case', token];
  const view = useQuery({ queryKey: key, queryFn: () => unwrap(client.api.portal.cases[':token'].$get({ param: { token } })), retry: false });
  const [text, setText] = useState('');
  const reply = useMutation({
    mutationFn: () => unwrap(client.api.portal.cases[':token'].messages.$post({ param: { token }, json: { text } })),
    onSuccess: (data) => { queryClient.setQueryData(key, data); setText(''); },
  });
  const fmt = useMemo(() => makeFormatter(i18n.language, view.data?.timeZone ?? 'Europe/Moscow'), [i18n.language, view.data?.timeZone]);

  if (view.isError) {
    return (
      <PortalShell>
        <Stack>
          <Alert color="red" role="alert">{view.error instanceof ApiError && view.error.status === 429 ? t('portal.tooMany') : t('portal.badLink')}</Alert>
          <Anchor component={Link} to="/portal">{t('portal.newRequest')}</Anchor>
        </Stack>
      </PortalShell>
    );
  }
  const c = view.data;
  if (!c) return <PortalShell><Text role="status">…</Text></PortalShell>;
  const replyError = reply.error instanceof ApiError ? reply.error.problems.find((p) => p.path === 'text')?.message ?? reply.error.message : undefined;
  return (
    <PortalShell>
      <Stack>
        <Title order={2} size="h3">{t('portal.caseTitle', { number: c.number })}: {c.subject}</Title>
        <Group gap="xs"><Text fw={600}>{t('portal.status')}:</Text><Badge size="lg" variant="light" data-testid="portal-status">{t(`portal.statuses.${c.status}`)}</Badge></Group>
        <Text>{t('portal.registeredAt')}: {fmt.dateTime(c.registeredAt)}</Text>
        {c.status !== 'decided' && c.status !== 'closed' && <Text data-testid="portal-due">{t('portal.dueAt')}: {fmt.dateTime(c.dueAt)}</Text>}
        {c.paused && c.status !== 'decided' && c.status !== 'closed' && <Text size="sm" c="dimmed">{t('portal.paused')}</Text>}
        {c.decision && (
          <Paper withBorder p="md" bg="green.0" data-testid="portal-decision">
            <Text fw={600}>{t('portal.decision')}: {t(`portal.decisionKinds.${c.decision.kind}`)}</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{c.decision.text}</Text>
          </Paper>
        )}
        <Divider />
        <Title order={3} size="h4">{t('portal.messages')}</Title>
        {c.messages.length === 0 && <Text c="dimmed">{t('portal.noMessages')}</Text>}
        <Stack gap="xs" data-testid="portal-messages">
          {c.messages.map((m, i) => (
            <Paper key={i} withBorder p="sm" bg={m.from === 'client' ? 'gray.0' : 'indigo.0'}>
              <Text size="sm" fw={600}>{m.from === 'client' ? t('portal.you') : t('portal.companyName')} · {fmt.dateTime(m.at)}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{m.text}</Text>
            </Paper>
          ))}
        </Stack>
        {c.status === 'closed' ? (
          <Text>{t('portal.closedNote')}</Text>
        ) : (
          <form onSubmit={(e) => { e.preventDefault(); reply.mutate(); }}>
            <Stack>
              <Textarea label={t('portal.reply')} autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={replyError} name="reply" />
              <Group><Button type="submit" disabled={!text.trim()} loading={reply.isPending}>{t('portal.send')}</Button></Group>
            </Stack>
          </form>
        )}
      </Stack>
    </PortalShell>
  );
}
