// A simple case page: summary, variables, its tasks and the timeline. (The full case view with
// the live diagram builds on this later.)
import { Alert, Anchor, Badge, Card, Grid, Group, Loader, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { useCase, useVariableDefs } from '../caseData.ts';
import { useFormat } from '../format.ts';
import { usePeople } from '../people.ts';
import { showValue } from './Task.tsx';

const STATUS_COLOR: Record<string, string> = { running: 'blue', completed: 'green', cancelled: 'gray', failed: 'red' };

export function CasePage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const people = usePeople();
  const kase = useCase(id);
  const defs = useVariableDefs(kase.data?.route.id, kase.data?.route.version);
  if (kase.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!kase.data) return <Alert color="red">{kase.error instanceof ApiError && kase.error.status === 404 ? t('case.notFound') : t('common.error', { message: kase.error?.message ?? '' })}</Alert>;
  const c = kase.data;
  const def = new Map(defs.map((d) => [d.id, d]));
  const stepName = new Map(c.assignments.map((a) => [a.stepId, a.stepName]));
  const who = (actorId: string | null) => (actorId ? people.get(actorId) ?? t('common.unknown') : t('common.system'));
  const eventLabel = (type: string) => (i18n.exists(`event.${type}`) ? t(`event.${type}`) : type);
  return (
    <Stack maw={1100} mx="auto">
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={2}>{c.subject}</Title>
          <Text c="dimmed">{t('case.route')}: {c.route.name} (v{c.route.version}) · {t('case.started')}: {fmt.dateTime(c.startedAt)} · {who(c.startedBy)}</Text>
        </Stack>
        <Badge size="lg" color={STATUS_COLOR[c.status] ?? 'gray'} data-testid="case-status">{i18n.exists(`status.${c.status}`) ? t(`status.${c.status}`) : c.status}</Badge>
      </Group>
      {c.currentStep && <Text>{t('case.current')}: <b>{c.currentStep.name}</b></Text>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Card withBorder component="section" aria-label={t('task.variables')}>
              <Title order={3} size="h5" mb="xs">{t('task.variables')}</Title>
              <Table><Table.Tbody>{Object.entries(c.variables).map(([k, v]) => (
                <Table.Tr key={k}><Table.Th w="45%">{def.get(k)?.label ?? k}</Table.Th><Table.Td>{showValue(v, fmt, t, def.get(k)?.type)}</Table.Td></Table.Tr>
              ))}</Table.Tbody></Table>
            </Card>
            <Card withBorder component="section" aria-label={t('case.work')}>
              <Title order={3} size="h5" mb="xs">{t('case.work')}</Title>
              <Stack gap="xs">
                {c.assignments.map((a) => (
                  <Stack key={a.id} gap={0}>
                    <Anchor component={Link} to={`/tasks/${a.id}`}>{a.stepName}</Anchor>
                    <Text size="sm" c="dimmed">{t(`status.${a.status}`)}{a.completedAt ? ` · ${fmt.dateTime(a.completedAt)} · ${who(a.completedBy)}` : a.dueAt ? ` · ${t('task.due')}: ${fmt.dateTime(a.dueAt)}` : ''}</Text>
                  </Stack>
                ))}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder component="section" aria-label={t('case.timeline')}>
            <Title order={3} size="h5" mb="sm">{t('case.timeline')}</Title>
            <Timeline bulletSize={12} lineWidth={2}>
              {c.timeline.map((e, i) => (
                <Timeline.Item key={`${e.type}-${e.at}-${i}`} title={eventLabel(e.type)}>
                  <Text size="sm">{e.stepId ? stepName.get(e.stepId) ?? e.stepId : ''}</Text>
                  <Text size="xs" c="dimmed">{fmt.dateTime(e.at)} · {who(e.actorId)}</Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
