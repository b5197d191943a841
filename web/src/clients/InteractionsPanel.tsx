// A client's interactions: what is planned (soonest first), with "complete" asking for the report,
// and the history (latest first); planning a call, meeting, demonstration, e-mail or letter.
import { Alert, Badge, Button, Card, Divider, Group, Modal, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api.ts';
import { fromLocalInput } from '../calendar/zoned.ts';
import { useFormat, useTimeZone } from '../format.ts';
import { INTERACTION_KINDS, fieldErrors, useClientInteractions, type ClientCard, type Interaction } from './queries.ts';

type Kind = (typeof INTERACTION_KINDS)[number];

/** <input type="datetime-local"> is read on the company's clock, not the browser's: the API wants an instant. */
const toInstant = (local: string, timeZone: string): string | null => fromLocalInput(local, timeZone);

function PlanForm({ card, onDone }: { card: ClientCard; onDone: () => void }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('call');
  const [at, setAt] = useState('');
  const [subject, setSubject] = useState('');
  const [contactId, setContactId] = useState<string | null>(card.contacts.find((c) => c.isPrimary)?.id ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const plan = useMutation({
    mutationFn: () => unwrap(client.api.interactions.$post({ json: { clientId: card.id, kind, status: 'planned', at: toInstant(at, timeZone)!, subject: subject.trim() || null, contactId } })),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('clients.interactions.planned_ok') });
      void queryClient.invalidateQueries({ queryKey: ['interactions'] });
      onDone();
    },
    onError: (err) => setErrors(fieldErrors(err)),
  });
  return (
    <form noValidate data-testid="plan-form" onSubmit={(e) => {
      e.preventDefault();
      if (!at) return setErrors({ at: t('clients.required') });
      plan.mutate();
    }}>
      <Stack>
        <Select label={t('clients.interactions.kind')} allowDeselect={false} value={kind} onChange={(v) => v && setKind(v)} data={INTERACTION_KINDS.map((k) => ({ value: k, label: t(`clients.interactions.kinds.${k}`) }))} data-field="kind" />
        <TextInput label={t('clients.interactions.at')} required type="datetime-local" value={at} onChange={(e) => setAt(e.currentTarget.value)} error={errors.at} data-field="at" />
        <TextInput label={t('clients.interactions.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} data-field="subject" />
        <Select label={t('clients.interactions.contact')} clearable value={contactId} onChange={setContactId} data={card.contacts.map((c) => ({ value: c.id, label: c.fullName }))} data-field="contactId" />
        {plan.error && !Object.keys(errors).length && <Alert color="red" role="alert">{t('common.error', { message: plan.error.message })}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('clients.card.cancel')}</Button>
          <Button type="submit" loading={plan.isPending}>{t('clients.interactions.plan')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function CompleteForm({ item, onDone }: { item: Interaction; onDone: () => void }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [report, setReport] = useState('');
  const [result, setResult] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const done = useMutation({
    mutationFn: () => unwrap(client.api.interactions[':id'].$patch({
      param: { id: item.id },
      json: { version: item.version, status: 'done', report: report.trim(), result: result.trim() || null, nextContactAt: toInstant(next, timeZone) },
    })),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('clients.interactions.completed') });
      void queryClient.invalidateQueries({ queryKey: ['interactions'] });
      onDone();
    },
    onError: (err) => setErrors(fieldErrors(err)),
  });
  return (
    <form noValidate data-testid="complete-form" onSubmit={(e) => {
      e.preventDefault();
      if (!report.trim()) return setErrors({ report: t('clients.required') });
      done.mutate();
    }}>
      <Stack>
        <Textarea label={t('clients.interactions.report')} required autosize minRows={3} value={report} onChange={(e) => setReport(e.currentTarget.value)} error={errors.report} data-field="report" />
        <TextInput label={t('clients.interactions.result')} value={result} onChange={(e) => setResult(e.currentTarget.value)} error={errors.result} data-field="result" />
        <TextInput label={t('clients.interactions.nextContact')} type="datetime-local" value={next} onChange={(e) => setNext(e.currentTarget.value)} error={errors.nextContactAt} data-field="nextContactAt" />
        {done.error && !Object.keys(errors).length && <Alert color="red" role="alert">{t('common.error', { message: done.error.message })}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('clients.card.cancel')}</Button>
          <Button type="submit" loading={done.isPending}>{t('clients.interactions.complete')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function Line({ item, onComplete }: { item: Interaction; onComplete?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const what = `${t(`clients.interactions.kinds.${item.kind}`)}${item.subject ? `: ${item.subject}` : ''}`;
  return (
    <Group justify="space-between" align="start" wrap="nowrap" data-testid="interaction" data-status={item.status}>
      <div>
        <Group gap={6}>
          <Badge size="sm" variant="filled" color={item.status === 'planned' ? 'blue.9' : 'teal.9'} tt="none">{t(`clients.interactions.kinds.${item.kind}`)}</Badge>
          <Text fw={600} size="sm">{item.subject ?? ''}</Text>
        </Group>
        <Text size="xs" c="dimmed">{t('clients.interactions.doneAt', { when: fmt.dateTime(item.at), who: item.employee.name })}{item.contact ? ` · ${item.contact.fullName}` : ''}</Text>
        {item.report && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{item.report}</Text>}
        {item.result && <Text size="sm" c="dimmed">{t('clients.interactions.result')}: {item.result}</Text>}
        {item.nextContactAt && <Text size="sm" c="dimmed">{t('clients.interactions.nextContact')}: {fmt.dateTime(item.nextContactAt)}</Text>}
      </div>
      {onComplete && <Button size="compact-xs" variant="light" onClick={onComplete} aria-label={t('clients.interactions.completeTitle', { what })}>{t('clients.interactions.complete')}</Button>}
    </Group>
  );
}

export function InteractionsPanel({ card }: { card: ClientCard }) {
  const { t } = useTranslation();
  const list = useClientInteractions(card.id);
  const [planning, setPlanning] = useState(false);
  const [completing, setCompleting] = useState<Interaction | null>(null);
  const items = list.data?.items ?? [];
  const planned = items.filter((i) => i.status === 'planned').sort((a, b) => a.at.localeCompare(b.at));
  const history = items.filter((i) => i.status === 'done');
  return (
    <Card withBorder component="section" aria-labelledby="interactions-title" data-testid="interactions">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="interactions-title">{t('clients.interactions.title')}</Title>
        <Button size="xs" variant="light" onClick={() => setPlanning(true)}>{t('clients.interactions.plan')}</Button>
      </Group>
      {list.error && <Alert color="red">{t('common.error', { message: list.error.message })}</Alert>}
      <Title order={4} size="h5" mb={4}>{t('clients.interactions.planned')}</Title>
      <Stack gap="xs" data-testid="planned">
        {planned.length === 0 && <Text c="dimmed" size="sm">{t('clients.interactions.emptyPlanned')}</Text>}
        {planned.map((i) => <Line key={i.id} item={i} onComplete={() => setCompleting(i)} />)}
      </Stack>
      <Divider my="sm" />
      <Title order={4} size="h5" mb={4}>{t('clients.interactions.history')}</Title>
      <Stack gap="xs" data-testid="history">
        {history.length === 0 && <Text c="dimmed" size="sm">{t('clients.interactions.emptyHistory')}</Text>}
        {history.map((i) => <Line key={i.id} item={i} />)}
      </Stack>
      <Modal closeButtonProps={{ 'aria-label': t('clients.card.cancel') }} opened={planning} onClose={() => setPlanning(false)} title={t('clients.interactions.planTitle')}>
        {planning && <PlanForm card={card} onDone={() => setPlanning(false)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('clients.card.cancel') }} opened={completing !== null} onClose={() => setCompleting(null)}
        title={completing ? t('clients.interactions.completeTitle', { what: `${t(`clients.interactions.kinds.${completing.kind}`)}${completing.subject ? `: ${completing.subject}` : ''}` }) : ''}>
        {completing && <CompleteForm item={completing} onDone={() => setCompleting(null)} />}
      </Modal>
    </Card>
  );
}
