// The interactions calendar: the signed-in employee's calls, meetings, demonstrations, e-mails and
// letters, planned and done, by week, month or as a list (the list is what a phone shows first);
// times on the company's clock. A manager switches to the team: some or all of the people below
// them, a colour per person, and each one's done / overdue / planned counts for the period.
// The view, the day and the people live in the address bar, so a view can be bookmarked.
import { Alert, Group, Button, MultiSelect, SegmentedControl, Stack, Table, Text, Title, Badge, Card } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../auth.tsx';
import { useFormat } from '../format.ts';
import { ItemChip } from './ItemChip.tsx';
import { ItemDrawer } from './ItemDrawer.tsx';
import { PlanModal } from './PlanModal.tsx';
import { useMyCalendar, useMyReports, useTeamCalendar, useTeamSummary, type CalendarItem } from './queries.ts';
import { WeekView } from './WeekView.tsx';
import { addDays, addMonths, dayOf, monthStart, weekStart, zonedInstant } from './zoned.ts';
import './calendar.css';

const VIEWS = ['week', 'month', 'agenda'] as const;
type View = (typeof VIEWS)[number];
/** Dark enough for AA contrast of the legend's text on white. */
const PALETTE = ['#1864ab', '#c2255c', '#2b8a3e', '#e8590c', '#6741d9', '#0b7285', '#5c940d', '#862e9c'];
const AGENDA_DAYS = 14;

function periodOf(view: View, anchor: string): { first: string; end: string } {
  if (view === 'week') return { first: weekStart(anchor), end: addDays(weekStart(anchor), 7) };
  if (view === 'month') return { first: monthStart(anchor), end: addMonths(anchor, 1) };
  return { first: anchor, end: addDays(anchor, AGENDA_DAYS) };
}

function MonthView({ first, end, items, colorOf, onOpen, onDay }: { first: string; end: string; items: CalendarItem[]; colorOf: (i: CalendarItem) => string | undefined; onOpen: (i: CalendarItem) => void; onDay: (d: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lead = Math.round((Date.parse(first) - Date.parse(weekStart(first))) / 86_400_000);
  const days: string[] = [];
  for (let d = first; d < end; d = addDays(d, 1)) days.push(d);
  const wd = new Intl.DateTimeFormat(fmt.locale, { timeZone: 'UTC', weekday: 'short' });
  const num = new Intl.DateTimeFormat(fmt.locale, { timeZone: 'UTC', day: 'numeric', month: 'long' });
  return (
    <div className="cal-month" data-testid="month-view">
      {Array.from({ length: 7 }, (_, i) => <div key={`w${i}`} className="cal-head" style={{ minHeight: 0 }}>{wd.format(new Date(`${addDays(weekStart(first), i)}T12:00:00Z`))}</div>)}
      {Array.from({ length: lead }, (_, i) => <div key={`b${i}`} aria-hidden="true" />)}
      {days.map((d) => {
        const mine = items.filter((i) => dayOf(i.at, fmt.timeZone) === d);
        return (
          <div key={d} data-testid={`day-${d}`}>
            <Button variant="subtle" size="compact-xs" justify="start" onClick={() => onDay(d)} aria-label={num.format(new Date(`${d}T12:00:00Z`))}>{Number(d.slice(8))}</Button>
            {mine.slice(0, 3).map((i) => <ItemChip key={i.id} item={i} color={colorOf(i)} onOpen={onOpen} />)}
            {mine.length > 3 && <Button variant="subtle" size="compact-xs" onClick={() => onDay(d)}>{t('calendar.more', { count: mine.length - 3 })}</Button>}
          </div>
        );
      })}
    </div>
  );
}

function AgendaView({ items, colorOf, onOpen, showPerson }: { items: CalendarItem[]; colorOf: (i: CalendarItem) => string | undefined; onOpen: (i: CalendarItem) => void; showPerson: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (items.length === 0) return <Text c="dimmed">{t('calendar.empty')}</Text>;
  const days = [...new Set(items.map((i) => dayOf(i.at, fmt.timeZone)))];
  const label = new Intl.DateTimeFormat(fmt.locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  return (
    <Stack gap="sm" data-testid="agenda-view">
      {days.map((d) => (
        <section key={d} aria-label={label.format(new Date(`${d}T12:00:00Z`))}>
          <Title order={3} size="h5" mb={4}>{label.format(new Date(`${d}T12:00:00Z`))}</Title>
          <Stack gap={4}>{items.filter((i) => dayOf(i.at, fmt.timeZone) === d).map((i) => <ItemChip key={i.id} item={i} color={colorOf(i)} onOpen={onOpen} showPerson={showPerson} />)}</Stack>
        </section>
      ))}
    </Stack>
  );
}

function TeamSummary({ people, period }: { people: string[] | null; period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const summary = useTeamSummary(people, period, true);
  return (
    <Card withBorder component="section" aria-labelledby="team-summary">
      <Title order={2} size="h5" id="team-summary" mb="xs">{t('calendar.summary')}</Title>
      <Table striped data-testid="team-summary">
        <Table.Thead><Table.Tr>{(['person', 'done', 'overdue', 'planned'] as const).map((k) => <Table.Th key={k}>{t(`calendar.summaryCols.${k}`)}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(summary.data?.items ?? []).map((r) => (
            <Table.Tr key={r.employee.id} data-testid="summary-row" data-employee={r.employee.id}>
              <Table.Td>{r.employee.name}</Table.Td>
              <Table.Td data-col="done">{r.done}</Table.Td>
              <Table.Td data-col="overdue">{r.overdue > 0 ? <Badge color="red.9" tt="none">{r.overdue}</Badge> : 0}</Table.Td>
              <Table.Td data-col="planned">{r.planned}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function CalendarPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const phone = useMediaQuery('(max-width: 48em)');
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? (phone ? 'agenda' : 'week');
  const today = fmt.dayKey(new Date());
  const anchor = /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? params.get('day')! : today;
  const reports = useMyReports();
  const members = reports.data?.members ?? [];
  const team = params.get('team') === '1' && members.length > 0;
  const picked = params.get('people')?.split(',').filter((id) => members.some((m) => m.id === id)) ?? [];
  const people = picked.length ? picked : null;
  const { first, end } = periodOf(view, anchor);
  const period = { from: zonedInstant(first, 0, 0, fmt.timeZone).toISOString(), to: zonedInstant(end, 0, 0, fmt.timeZone).toISOString() };
  const mine = useMyCalendar(team ? undefined : me.data?.id, period);
  const theirs = useTeamCalendar(people, period, team);
  const list = team ? theirs : mine;
  const items = list.data?.items ?? [];
  const [opened, setOpened] = useState<CalendarItem | null>(null);
  const [planAt, setPlanAt] = useState<string | null>(null);

  const set = (changes: Record<string, string | null>) => setParams((p) => {
    const next = new URLSearchParams(p);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return next;
  });
  const step = (n: number) => set({ day: view === 'month' ? addMonths(anchor, n) : addDays(anchor, n * (view === 'week' ? 7 : AGENDA_DAYS)) });
  const colorOf = (i: CalendarItem) => (team ? PALETTE[Math.max(0, members.findIndex((m) => m.id === i.employee.id)) % PALETTE.length] : undefined);
  const title = view === 'month'
    ? new Intl.DateTimeFormat(fmt.locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${first}T12:00:00Z`))
    : `${fmt.date(first)} – ${fmt.date(addDays(end, -1))}`;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">{team ? t('calendar.teamTitle') : t('calendar.title')}</Title>
        {members.length > 0 && (
          <SegmentedControl aria-label={t('calendar.whose')} data-testid="team-switch" value={team ? 'team' : 'mine'} onChange={(v) => set({ team: v === 'team' ? '1' : null })}
            data={[{ value: 'mine', label: t('calendar.mine') }, { value: 'team', label: t('calendar.team') }]} />
        )}
      </Group>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" onClick={() => step(-1)}>{t('calendar.previous')}</Button>
          <Button variant="default" onClick={() => set({ day: null })}>{t('calendar.today')}</Button>
          <Button variant="default" onClick={() => step(1)}>{t('calendar.next')}</Button>
          <Text fw={600} data-testid="period">{title}</Text>
        </Group>
        <SegmentedControl aria-label={t('calendar.view')} value={view} onChange={(v) => set({ view: v })} data={VIEWS.map((v) => ({ value: v, label: t(`calendar.views.${v}`) }))} />
      </Group>
      {team && (
        <Group align="end" wrap="wrap">
          <MultiSelect label={t('calendar.people')} placeholder={picked.length ? undefined : t('calendar.allPeople')} clearable searchable miw={320} value={picked}
            onChange={(v) => set({ people: v.length ? v.join(',') : null })} data={members.map((m) => ({ value: m.id, label: m.name }))} data-testid="people" />
          <Group gap="xs" aria-label={t('calendar.legend')} role="list">
            {members.filter((m) => !people || people.includes(m.id)).map((m) => (
              <Group key={m.id} gap={4} role="listitem"><span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 3, background: PALETTE[members.indexOf(m) % PALETTE.length] }} /><Text size="sm">{m.name}</Text></Group>
            ))}
          </Group>
        </Group>
      )}
      {list.error && <Alert color="red">{t('common.error', { message: list.error.message })}</Alert>}
      {list.data && list.data.total > items.length && <Alert color="yellow" styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}>{t('calendar.truncated', { shown: items.length, total: list.data.total })}</Alert>}
      {view === 'week' && <WeekView start={first} items={items} colorOf={colorOf} onOpen={setOpened} onPlan={setPlanAt} showPerson={team} />}
      {view === 'month' && <MonthView first={first} end={end} items={items} colorOf={colorOf} onOpen={setOpened} onDay={(d) => set({ view: 'week', day: d })} />}
      {view === 'agenda' && <AgendaView items={items} colorOf={colorOf} onOpen={setOpened} showPerson={team} />}
      {team && <TeamSummary people={people} period={period} />}
      <ItemDrawer item={opened} onClose={() => setOpened(null)} onChanged={setOpened} />
      <PlanModal at={planAt} timeZone={fmt.timeZone} onClose={() => setPlanAt(null)} />
    </Stack>
  );
}
