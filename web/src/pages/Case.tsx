// The case view for those involved and their managers: the diagram of the version the case runs
// with done steps (who, when, how long in working time), current steps (whose inbox, since when,
// due) and pending timers; the open steps, the timeline, the variables and the sub-cases linked
// both ways. Managers send declared events, reassign open steps and cancel the case, as far as
// the API's `can` allows; admins get a link to the workflow in the Temporal Web UI. Live: the
// notification stream and a poll while the case runs.
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Loader, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../../../domain/routes/route-schema.ts';
import { ApiError } from '../api.ts';
import { CancelDialog, ReassignDialog, SendEventDialog, type DeclaredEvents } from '../case/CaseActions.tsx';
import { pageOverlays, timerLabel } from '../case/overlays.ts';
import { useLiveCase, type LiveCase } from '../case/queries.ts';
import { STATUS_COLOR } from '../case/status.ts';
import { useRouteVersion } from '../caseData.ts';
import { variablesToFieldDefs } from '../fields.tsx';
import { useFormat } from '../format.ts';
import { CaseDiagram, formatTook } from '../graph/CaseDiagram.tsx';
import { usePeople, useRoleNames } from '../people.ts';
import { showValue } from './Task.tsx';


function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder component="section" aria-label={title} data-testid={testId}>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      {children}
    </Card>
  );
}

export function CasePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const kase = useLiveCase(id);
  if (kase.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!kase.data) return <Alert color="red">{kase.error instanceof ApiError && kase.error.status === 404 ? t('case.notFound') : t('common.error', { message: kase.error?.message ?? '' })}</Alert>;
  return <CaseView c={kase.data} />;
}

function CaseView({ c }: { c: LiveCase }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const people = usePeople();
  const roleNames = useRoleNames();
  const phone = useMediaQuery('(max-width: 48em)');
  const version = useRouteVersion(c.route.id, c.route.version);
  const definition = version.data?.definition as RouteGraph | RouteDefinition | undefined;
  const defs = variablesToFieldDefs(definition?.variables);
  const declared: DeclaredEvents = definition?.language === 'route/v1' ? definition.events : {};
  const [dialog, setDialog] = useState<{ kind: 'event' } | { kind: 'cancel' } | { kind: 'reassign'; assignmentId: string; stepName: string } | null>(null);
  const overlays = useMemo(() => pageOverlays(c, t), [c, t]);

  const def = new Map(defs.map((d) => [d.id, d]));
  const stepName = new Map(c.assignments.map((a) => [a.stepId, a.stepName]));
  const who = (actorId: string | null) => (actorId ? people.get(actorId) ?? t('common.unknown') : t('common.system'));
  const role = (code: string | null) => (code ? roleNames.get(code) ?? code : '?');
  const eventLabel = (type: string) => (i18n.exists(`event.${type}`) ? t(`event.${type}`) : type);
  const open = c.assignments.filter((a) => a.status === 'open');
  const done = c.assignments.filter((a) => a.status === 'completed').sort((x, y) => (x.completedAt ?? '').localeCompare(y.completedAt ?? ''));
  const timersOf = (nodeId: string) => (c.live?.timers ?? []).filter((x) => x.nodeId === nodeId);
  const waitingNodes = (c.live?.activeNodes ?? []).filter((n) => !open.some((a) => a.stepId === n.nodeId));
  const nodeName = (nodeId: string) => {
    const node = definition?.language === 'route/v1' ? definition.nodes.find((n) => n.id === nodeId) : undefined;
    return node && 'name' in node && node.name ? node.name : nodeId;
  };
  const manager = c.can.cancel || c.can.reassign || c.can.sendEvent.length > 0;

  return (
    <Stack maw={1280} mx="auto">
      <Group justify="space-between" align="start">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={2}>{c.subject}</Title>
          <Text c="dimmed" size="sm">
            {t('case.route')}: {c.route.name} ({t('case.version', { n: c.route.version })}) · {t('case.started')}: {fmt.dateTime(c.startedAt)} · {who(c.startedBy)}
            {c.endedAt ? ` · ${t('case.ended', { when: fmt.dateTime(c.endedAt) })}` : ''}
          </Text>
          {c.record?.type === 'deal' && <Text size="sm"><Anchor component={Link} to={`/deals/${c.record.id}`}>{t('deals.dealLink', { title: c.record.label ?? c.record.id })}</Anchor></Text>}
          {c.parentId && (
            <Text size="sm" data-testid="parent-case">{t('case.parent')}: <Anchor component={Link} to={`/cases/${c.parentId}`}>{t('case.title')}</Anchor></Text>
          )}
          {c.temporalUrl && <Anchor href={c.temporalUrl} target="_blank" rel="noreferrer" size="sm" data-testid="temporal-link">{t('case.temporal')}</Anchor>}
        </Stack>
        <Stack gap="xs" align="end">
          <Badge size="lg" color={STATUS_COLOR[c.status] ?? 'gray'} data-testid="case-status">{t(`status.${c.status}`, { defaultValue: c.status })}</Badge>
          {c.status === 'running' && <Text size="xs" c="dimmed">{t('case.live')}</Text>}
        </Stack>
      </Group>

      {manager && (
        <Group gap="sm" role="group" aria-label={t('case.actions')} data-testid="manager-actions">
          {c.can.sendEvent.length > 0 && <Button variant="light" onClick={() => setDialog({ kind: 'event' })}>{t('case.sendEvent')}</Button>}
          {c.can.cancel && <Button variant="light" color="red" onClick={() => setDialog({ kind: 'cancel' })}>{t('case.cancel')}</Button>}
        </Group>
      )}

      <Section title={t('case.current')} testId="open-steps">
        {open.length === 0 && waitingNodes.length === 0 && <Text c="dimmed" size="sm">{t('case.nothingOpen')}</Text>}
        <Stack gap="sm">
          {open.map((a) => (
            <Group key={a.id} justify="space-between" wrap="wrap" gap="xs" data-testid="open-step" data-assignment={a.id}>
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
                <Anchor component={Link} to={`/tasks/${a.id}`} fw={600}>{a.stepName}</Anchor>
                <Text size="sm" data-testid="holder">
                  {a.assigneeId ? t('case.withHolder', { who: who(a.assigneeId) }) : t('case.inQueue', { role: role(a.role) })} · {t('case.since', { when: fmt.dateTime(a.openedAt) })}
                </Text>
                <Text size="sm" c={a.overdue ? 'red.8' : undefined} fw={a.overdue ? 700 : 400}>
                  {a.dueAt ? t('case.due', { when: fmt.dateTime(a.dueAt) }) : t('case.noDue')}{a.overdue ? ` · ${t('case.overdue')}` : ''}
                </Text>
                {timersOf(a.stepId).map((x) => <Text key={`${x.label}-${x.at}`} size="sm" c="grape.9" data-testid="timer">{timerLabel(x.label, t)}: {fmt.dateTime(x.at)}</Text>)}
              </Stack>
              {c.can.reassign && <Button size="compact-sm" variant="light" onClick={() => setDialog({ kind: 'reassign', assignmentId: a.id, stepName: a.stepName })} aria-label={`${t('case.reassign')}: ${a.stepName}`}>{t('case.reassign')}</Button>}
            </Group>
          ))}
          {waitingNodes.map((n) => (
            <Stack key={n.nodeId} gap={2} data-testid="open-step">
              <Text fw={600}>{t(`graph.kind.${n.kind}`, { defaultValue: n.kind })}: {nodeName(n.nodeId)}</Text>
              <Text size="sm">{t('graph.activeSince', { since: fmt.dateTime(n.since) })}</Text>
              {(c.live?.foreach ?? []).filter((f) => f.nodeId === n.nodeId).map((f) => (
                <Text key={f.nodeId} size="sm" data-testid="foreach-progress">{t('graph.foreachProgress', { finished: f.finished, total: f.total ?? '?', running: f.running })}</Text>
              ))}
              {timersOf(n.nodeId).map((x) => <Text key={`${x.label}-${x.at}`} size="sm" c="grape.9" data-testid="timer">{timerLabel(x.label, t)}: {fmt.dateTime(x.at)}</Text>)}
            </Stack>
          ))}
        </Stack>
      </Section>

      <Section title={t('case.diagram')} testId="case-diagram">
        {definition ? (
          <>
            <CaseDiagram definition={definition} overlays={overlays} nameOf={(eid) => people.get(eid)} formatDateTime={fmt.dateTime} height={phone ? 420 : 560} />
            <Text size="xs" c="dimmed" mt="xs">{t('case.workingNote')}</Text>
          </>
        ) : version.isPending ? <Loader role="status" size="sm" aria-label={t('common.loading')} /> : <Text c="dimmed" size="sm">—</Text>}
      </Section>

      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Section title={t('task.variables')}>
              <Table><Table.Tbody>{Object.entries(c.variables).map(([k, v]) => (
                <Table.Tr key={k}><Table.Th w="45%">{def.get(k)?.label ?? k}</Table.Th><Table.Td>{showValue(v, fmt, t, def.get(k)?.type)}</Table.Td></Table.Tr>
              ))}</Table.Tbody></Table>
            </Section>
            <Section title={t('case.steps')} testId="done-steps">
              {done.length === 0 ? <Text c="dimmed" size="sm">{t('case.noSteps')}</Text> : (
                <Stack gap="xs">
                  {done.map((a) => (
                    <Stack key={a.id} gap={0}>
                      <Anchor component={Link} to={`/tasks/${a.id}`}>{a.stepName}</Anchor>
                      <Text size="sm" c="dimmed">
                        {who(a.completedBy)} · {a.completedAt ? fmt.dateTime(a.completedAt) : ''}
                        {c.workingMs[a.id] !== undefined ? ` · ${t('case.took', { took: formatTook(c.workingMs[a.id] ?? 0, fmt.locale) })}` : ''}
                        {a.outcome ? ` · ${t('task.outcome')}: ${a.outcome}` : ''}
                      </Text>
                    </Stack>
                  ))}
                </Stack>
              )}
            </Section>
            <Section title={t('case.children')} testId="children">
              {c.children.length === 0 ? <Text c="dimmed" size="sm">{t('case.noChildren')}</Text> : (
                <Stack gap={4}>
                  {c.children.map((ch) => (
                    <Group key={ch.id} gap="xs">
                      <Anchor component={Link} to={`/cases/${ch.id}`}>{ch.subject}</Anchor>
                      <Text size="sm" c="dimmed">{t(`status.${ch.status}`, { defaultValue: ch.status })} · {fmt.dateTime(ch.startedAt)}</Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title={t('case.timeline')} testId="timeline">
            <Timeline bulletSize={12} lineWidth={2}>
              {c.timeline.map((e, i) => {
                const reason = typeof e.data?.reason === 'string' ? e.data.reason : null;
                return (
                  <Timeline.Item key={`${e.type}-${e.at}-${i}`} title={eventLabel(e.type)}>
                    {e.stepId && <Text size="sm">{stepName.get(e.stepId) ?? e.stepId}</Text>}
                    {reason && <Text size="sm" fs="italic">{t('case.reason')}: {reason}</Text>}
                    <Text size="xs" c="dimmed">{fmt.dateTime(e.at)} · {who(e.actorId)}</Text>
                  </Timeline.Item>
                );
              })}
            </Timeline>
          </Section>
        </Grid.Col>
      </Grid>

      {dialog?.kind === 'event' && <SendEventDialog opened caseId={c.id} subject={c.subject} allowed={c.can.sendEvent} declared={declared} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'cancel' && <CancelDialog opened caseId={c.id} subject={c.subject} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reassign' && (
        <ReassignDialog opened caseId={c.id} assignmentId={dialog.assignmentId} stepName={dialog.stepName} onClose={() => setDialog(null)}
          nameOf={(x) => (x.kind === 'person' ? (x.employeeId ? people.get(x.employeeId) ?? '' : '') : t('case.inQueue', { role: role(x.role) }))} />
      )}
    </Stack>
  );
}
