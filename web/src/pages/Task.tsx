// One task: what to do, the case's subject and data, the earlier steps (who, when, outcome, form
// data), the step's form with the API's field errors at the fields, outcomes as buttons, due time
// and escalation. After completing, the person goes to their next task of the case or the inbox.
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useCase, useVariableDefs } from '../caseData.ts';
import { timerLabel } from '../case/overlays.ts';
import { FormFields, cleanValues, toFieldDefs, type FieldDef, type FormValue } from '../fields.tsx';
import { useFormat, type Formatter } from '../format.ts';
import { usePeople } from '../people.ts';

export function showValue(v: unknown, fmt: Formatter, t: (k: string) => string, type?: FieldDef['type']): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('task.yes') : t('task.no');
  if (type === 'date' && typeof v === 'string') return fmt.date(v);
  if (typeof v === 'number') return new Intl.NumberFormat(fmt.locale).format(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      {children}
    </Card>
  );
}

export function TaskPage() {
  const { id } = useParams();
  // The deals board sends a person here with the outcome their drag chose, when the form must be filled first.
  const [search] = useSearchParams();
  const chosen = search.get('outcome');
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const people = usePeople();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const task = useQuery({ queryKey: ['assignment', id], queryFn: () => unwrap(client.api.assignments[':id'].$get({ param: { id: id! } })) });
  const kase = useCase(task.data?.process.id);
  const varDefs = useVariableDefs(kase.data?.route.id, kase.data?.route.version);
  const [values, setValues] = useState<Record<string, FormValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const earlier = (kase.data?.assignments ?? []).filter((a) => a.status === 'completed' && a.id !== id).sort((a, b) => Date.parse(a.completedAt ?? '') - Date.parse(b.completedAt ?? ''));
  // Form data of earlier steps is on each assignment; those this person may not see stay blank.
  const earlierForms = useQueries({
    queries: earlier.map((a) => ({
      queryKey: ['assignment', a.id],
      queryFn: () => unwrap(client.api.assignments[':id'].$get({ param: { id: a.id } })),
      retry: false,
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });

  const claim = useMutation({
    mutationFn: () => unwrap(client.api.assignments[':id'].claim.$post({ param: { id: id! } })),
    onSuccess: async () => {
      notifications.show({ message: t('inbox.claimed'), color: 'green' });
      await queryClient.invalidateQueries({ queryKey: ['assignment', id] });
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (err) => notifications.show({ message: err.message, color: 'red' }),
  });

  const fields = toFieldDefs(task.data?.formFields);
  const complete = useMutation({
    mutationFn: (outcome: string | undefined) =>
      unwrap(client.api.assignments[':id'].complete.$post({ param: { id: id! }, json: { ...(outcome ? { outcome } : {}), form: cleanValues(fields, values) } })),
    onMutate: () => {
      setErrors({});
      setFormError(null);
    },
    onSuccess: async (done) => {
      notifications.show({ message: t('task.done'), color: 'green' });
      for (const key of [['inbox'], ['queue'], ['case'], ['assignment', id]]) void queryClient.invalidateQueries({ queryKey: key });
      const mine = done.openedSteps.find((s) => s.assigneeId === me.data?.id);
      await navigate(mine ? `/tasks/${mine.assignmentId}` : '/inbox');
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        const byField = err.fieldErrors('form');
        setErrors(byField);
        setFormError(Object.keys(byField).length ? t('task.fixErrors') : err.message);
        // Put the keyboard on the first wrong field.
        const first = Object.keys(byField)[0];
        if (first) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field="${CSS.escape(first)}"]`)?.focus());
      } else setFormError(String(err));
    },
  });

  if (task.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (task.error || !task.data) return <Alert color="red">{task.error instanceof ApiError && task.error.status === 404 ? t('task.notFound') : t('common.error', { message: task.error?.message ?? '' })}</Alert>;
  const a = task.data;
  const open = a.status === 'open';
  const inQueue = open && a.assigneeId === null;
  const mine = open && a.assigneeId === me.data?.id;
  const timers = (kase.data?.live?.timers ?? []).filter((tm) => tm.nodeId === a.stepId);
  const outcomes = a.outcomes ?? [];
  const chosenLabel = outcomes.find((o) => o.id === chosen)?.label;
  const varLabel = new Map(varDefs.map((d) => [d.id, d]));

  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Anchor component={Link} to="/inbox" size="sm">← {t('task.back')}</Anchor>
      <Group justify="space-between" align="start" wrap="wrap">
        <Stack gap={4}>
          <Title order={2}>{a.stepName}</Title>
          <Text c="dimmed">{t('task.case')}: <Anchor component={Link} to={`/cases/${a.process.id}`}>{a.process.subject}</Anchor> · {a.process.routeName}</Text>
          {chosenLabel && <Text role="status" fw={500}>{t('deals.openTask')}: {chosenLabel}</Text>}
          {a.process.record?.type === 'deal' && <Text c="dimmed"><Anchor component={Link} to={`/deals/${a.process.record.id}`}>{t('deals.dealLink', { title: a.process.record.label ?? a.process.record.id })}</Anchor></Text>}
        </Stack>
        <Stack gap={4} align="end">
          <Group gap={6}>
            {a.priority !== 'normal' && <Badge color={a.priority === 'urgent' ? 'red' : a.priority === 'high' ? 'orange' : 'blue'}>{t(`priority.${a.priority}`)}</Badge>}
            {a.overdue && <Badge color="red" variant="filled">{t('task.overdue')}</Badge>}
            {!open && <Badge color="gray">{t(`status.${a.status}`)}</Badge>}
          </Group>
          <Text size="sm" c={a.overdue ? 'red.8' : undefined} fw={a.overdue ? 700 : 400} data-testid="due">{t('task.due')}: {a.dueAt ? fmt.dateTime(a.dueAt) : t('inbox.noDue')}</Text>
          {timers.map((tm) => <Text key={`${tm.label}-${tm.at}`} size="sm" c="dimmed">{t('task.timers')}: {timerLabel(tm.label, t)} — {fmt.dateTime(tm.at)}</Text>)}
        </Stack>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {a.instructions && <Section title={t('task.instructions')}><Text style={{ whiteSpace: 'pre-wrap' }}>{a.instructions}</Text></Section>}
            <Section title={t('task.form')}>
              {!open && <Alert color="gray" mb="sm">{t('task.notOpen', { status: t(`status.${a.status}`) })}</Alert>}
              {inQueue && (
                <Alert color="grape" mb="sm">
                  <Group justify="space-between"><Text size="sm">{t('task.claimFirst', { role: a.role ?? '' })}</Text><Button size="xs" onClick={() => claim.mutate()} loading={claim.isPending}>{t('inbox.claim')}</Button></Group>
                </Alert>
              )}
              {open ? (
                <form onSubmit={(e) => { e.preventDefault(); if (outcomes.length === 0) complete.mutate(undefined); }} noValidate>
                  <Stack gap="sm">
                    {formError && <Alert color="red" role="alert" data-testid="form-error">{formError}</Alert>}
                    <FormFields fields={fields} outcomes={a.outcomes ?? []} values={values} errors={errors} disabled={!mine || complete.isPending} onChange={(fid, v) => { setValues((s) => ({ ...s, [fid]: v })); setErrors(({ [fid]: _gone, ...rest }) => rest); }} />
                    <Group gap="sm" mt="xs">
                      {outcomes.length === 0
                        ? <Button type="submit" disabled={!mine} loading={complete.isPending}>{t('task.complete')}</Button>
                        : outcomes.map((o) => <Button key={o.id} disabled={!mine} loading={complete.isPending && complete.variables === o.id} onClick={() => complete.mutate(o.id)}>{o.label}</Button>)}
                    </Group>
                  </Stack>
                </form>
              ) : (
                <Table><Table.Tbody>{fields.map((f) => <Table.Tr key={f.id}><Table.Th w="40%">{f.label}</Table.Th><Table.Td>{showValue(a.formData?.[f.id], fmt, t, f.type)}</Table.Td></Table.Tr>)}</Table.Tbody></Table>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Section title={t('task.variables')}>
              {kase.data ? (
                <Table><Table.Tbody>{Object.entries(kase.data.variables).map(([k, v]) => (
                  <Table.Tr key={k}><Table.Th w="45%">{varLabel.get(k)?.label ?? k}</Table.Th><Table.Td>{showValue(v, fmt, t, varLabel.get(k)?.type)}</Table.Td></Table.Tr>
                ))}</Table.Tbody></Table>
              ) : kase.isPending ? <Loader role="status" size="sm" aria-label={t('common.loading')} /> : <Text c="dimmed" size="sm">—</Text>}
            </Section>
            <Section title={t('task.history')}>
              {earlier.length === 0 ? <Text c="dimmed" size="sm">{t('task.noHistory')}</Text> : (
                <Stack gap="sm" data-testid="history">
                  {earlier.map((e, i) => {
                    const detail = earlierForms[i]?.data;
                    const defs = toFieldDefs(detail?.formFields);
                    return (
                      <div key={e.id}>
                        <Text fw={600} size="sm">{e.stepName}</Text>
                        <Text size="xs" c="dimmed">
                          {e.completedBy ? people.get(e.completedBy) ?? t('common.unknown') : t('common.system')} · {e.completedAt ? fmt.dateTime(e.completedAt) : ''}
                          {e.outcome ? ` · ${t('task.outcome')}: ${detail?.outcomes?.find((o) => o.id === e.outcome)?.label ?? e.outcome}` : ''}
                        </Text>
                        {defs.filter((d) => detail?.formData?.[d.id] !== undefined).map((d) => (
                          <Text key={d.id} size="xs">{d.label}: {showValue(detail?.formData?.[d.id], fmt, t, d.type)}</Text>
                        ))}
                      </div>
                    );
                  })}
                </Stack>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
