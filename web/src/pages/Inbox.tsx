// The employee's inbox: my work and my roles' queues in one list, with counters (overdue in red,
// due today, new), filters and sorting kept in the address bar so a view can be bookmarked, claim
// from a queue, and live updates from the notification stream.
import { Alert, Anchor, Badge, Button, type BadgeProps, Chip, Collapse, Group, Loader, Paper, Select, Stack, Tabs, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useFormat } from '../format.ts';
import { applyFilter, counters, isNew, readFilter, type WorkItem } from '../work.ts';
import { useWork } from '../work.ts';
import { useRoleNames } from '../people.ts';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';

const PRIORITY_COLOR: Record<string, string> = { urgent: 'red', high: 'orange', normal: 'gray', low: 'blue' };

/** A pale badge whose text is dark enough to read (Mantine's own light text misses AA contrast). */
function SoftBadge({ color, ...props }: BadgeProps & { children: ReactNode }) {
  return <Badge color={color} variant="light" {...props} vars={() => ({ root: { '--badge-color': `color-mix(in srgb, var(--mantine-color-${color ?? 'gray'}-9), black 40%)` } })} />;
}

function Counter({ label, value, color, active, onClick, testId }: { label: string; value: number; color: string; active: boolean; onClick: () => void; testId: string }) {
  return (
    <UnstyledButton onClick={onClick} aria-pressed={active} data-testid={testId} p="xs" px="sm" style={{ borderRadius: 8, border: `2px solid ${active ? `var(--mantine-color-${color}-7)` : 'var(--mantine-color-gray-3)'}` }}>
      <Group gap={8} wrap="nowrap">
        {value > 0 ? <Badge color={color} size="lg" circle={value < 10}>{value}</Badge> : <SoftBadge color="gray" size="lg" circle>{value}</SoftBadge>}
        <Text size="sm" fw={500}>{label}</Text>
      </Group>
    </UnstyledButton>
  );
}

function Row({ item, now, roleNames }: { item: WorkItem; now: number; roleNames: Map<string, string> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const claim = useMutation({
    mutationFn: () => unwrap(client.api.assignments[':id'].claim.$post({ param: { id: item.id } })),
    onSuccess: async () => {
      notifications.show({ message: t('inbox.claimed'), color: 'green' });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['inbox'] }), queryClient.invalidateQueries({ queryKey: ['queue'] })]);
      await navigate(`/tasks/${item.id}`);
    },
    onError: (err) => notifications.show({ message: err instanceof ApiError ? err.message : String(err), color: 'red' }),
  });
  return (
    <Paper withBorder p="sm" component="li" data-testid="work-item" data-assignment={item.id} style={{ listStyle: 'none', borderLeft: `4px solid var(--mantine-color-${item.overdue ? 'red' : PRIORITY_COLOR[item.priority] ?? 'gray'}-6)` }}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Anchor component={Link} to={`/tasks/${item.id}`} fw={600} c="dark">{item.stepName}</Anchor>
          <Text size="sm" c="dimmed" truncate>{item.process.subject} · {item.process.routeName}</Text>
        </Stack>
        <Group gap={6} wrap="wrap">
          {isNew(item, now) && <SoftBadge color="green">{t('inbox.new')}</SoftBadge>}
          {item.priority !== 'normal' && <SoftBadge color={PRIORITY_COLOR[item.priority] ?? 'gray'}>{t(`priority.${item.priority}`)}</SoftBadge>}
          {item.source === 'queue' && <SoftBadge color="grape" tt="none">{t('inbox.inQueue', { role: roleNames.get(item.role ?? '') ?? item.role ?? '' })}</SoftBadge>}
          <Text size="sm" c={item.overdue ? 'red.8' : undefined} fw={item.overdue ? 700 : 400}>
            {item.dueAt ? t('inbox.due', { when: fmt.dateTime(item.dueAt) }) : t('inbox.noDue')}
          </Text>
          {item.source === 'queue' && (
            <Button size="compact-sm" onClick={() => claim.mutate()} loading={claim.isPending} aria-label={`${t('inbox.claim')}: ${item.stepName}, ${item.process.subject}`}>
              {t('inbox.claim')}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

export function InboxPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const work = useWork();
  const roleNames = useRoleNames();
  const phone = useMediaQuery('(max-width: 48em)');
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const started = useRef(performance.now());
  const now = Date.now();
  const today = fmt.dayKey(new Date());
  const count = useMemo(() => counters(work.items, today, fmt.dayKey, now), [work.items, today, fmt, now]);
  const shown = useMemo(() => applyFilter(work.items, filter, today, fmt.dayKey), [work.items, filter, today, fmt]);
  const routes = useMemo(() => [...new Map(work.items.map((i) => [i.process.routeKey, i.process.routeName])).entries()].map(([value, label]) => ({ value, label })), [work.items]);

  useEffect(() => {
    // First load of the inbox, for the browser test to read (performance.measure is visible to it).
    if (!work.isPending) performance.measure('inbox-ready', { start: started.current });
  }, [work.isPending]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = filter.due || filter.priority || filter.route || filter.q;

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Group justify="space-between" align="center">
        <Title order={2}>{t('inbox.title')}</Title>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="inbox-count">{t('inbox.tasks', { count: shown.length })}</Text>
      </Group>
      <Group gap="sm" role="group" aria-label={t('inbox.title')}>
        <Counter testId="count-overdue" label={t('inbox.overdue')} value={count.overdue} color="red" active={filter.due === 'overdue'} onClick={() => set('due', filter.due === 'overdue' ? undefined : 'overdue')} />
        <Counter testId="count-today" label={t('inbox.today')} value={count.today} color="orange" active={filter.due === 'today'} onClick={() => set('due', filter.due === 'today' ? undefined : 'today')} />
        <Counter testId="count-new" label={t('inbox.new')} value={count.new} color="green" active={false} onClick={() => set('sort', 'age')} />
      </Group>
      <Tabs value={filter.tab} onChange={(v) => set('tab', v === 'all' ? undefined : (v ?? undefined))}>
        <Tabs.List>
          <Tabs.Tab value="all">{t('inbox.tabAll')} ({work.items.length})</Tabs.Tab>
          <Tabs.Tab value="mine">{t('inbox.tabMine')} ({work.items.filter((i) => i.source === 'mine').length})</Tabs.Tab>
          <Tabs.Tab value="queue">{t('inbox.tabQueue')} ({work.items.filter((i) => i.source === 'queue').length})</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {phone && <Button variant="light" onClick={toggleFilters} aria-expanded={filtersOpen || Boolean(filtered)}>{t('inbox.filters')}</Button>}
      <Collapse expanded={!phone || filtersOpen || Boolean(filtered)}>
      <Group gap="sm" align="end" wrap="wrap">
        <TextInput label={t('inbox.search')} value={filter.q} onChange={(e) => set('q', e.currentTarget.value || undefined)} style={{ flex: '1 1 200px' }} type="search" />
        <Select label={t('inbox.priority')} placeholder={t('inbox.any')} clearable value={filter.priority ?? null} onChange={(v) => set('priority', v ?? undefined)} w={150}
          data={['urgent', 'high', 'normal', 'low'].map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
        <Select label={t('inbox.route')} placeholder={t('inbox.any')} clearable value={filter.route ?? null} onChange={(v) => set('route', v ?? undefined)} w={220} data={routes} />
        <Select label={t('inbox.sort')} value={filter.sort} onChange={(v) => set('sort', v === 'due' ? undefined : (v ?? undefined))} w={170} allowDeselect={false}
          data={[{ value: 'due', label: t('inbox.sortDue') }, { value: 'priority', label: t('inbox.sortPriority') }, { value: 'age', label: t('inbox.sortAge') }]} />
        <Chip.Group>
          <Group gap={6}>
            <Chip checked={filter.due === 'overdue'} onChange={() => set('due', filter.due === 'overdue' ? undefined : 'overdue')} color="red">{t('inbox.onlyOverdue')}</Chip>
            <Chip checked={filter.due === 'today'} onChange={() => set('due', filter.due === 'today' ? undefined : 'today')} color="orange">{t('inbox.onlyToday')}</Chip>
          </Group>
        </Chip.Group>
        {filtered && <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('inbox.reset')}</Button>}
      </Group>
      </Collapse>
      {work.error && <Alert color="red">{t('common.error', { message: work.error.message })}</Alert>}
      {work.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : shown.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">{filtered ? t('inbox.emptyFiltered') : t('inbox.empty')}</Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} data-testid="work-list">
          {shown.map((i) => <Row key={i.id} item={i} now={now} roleNames={roleNames} />)}
        </Stack>
      )}
    </Stack>
  );
}
