// The week: days as columns, working hours as rows, e-mails, letters and anything outside the
// working hours in the all-day row on top. An empty slot plans an interaction at its hour.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { ItemChip } from './ItemChip.tsx';
import type { CalendarItem } from './queries.ts';
import { addDays, dayOf, timeOf } from './zoned.ts';

export const WORK_HOURS = Array.from({ length: 12 }, (_, i) => 8 + i);
const pad = (n: number) => String(n).padStart(2, '0');

/** Written, not timed: an e-mail or a letter belongs to the day, not an hour. */
function slotOf(i: CalendarItem, timeZone: string): { day: string; hour: number | null } {
  const { h } = timeOf(i.at, timeZone);
  const timed = i.kind !== 'email' && i.kind !== 'letter' && h >= WORK_HOURS[0]! && h <= WORK_HOURS[WORK_HOURS.length - 1]!;
  return { day: dayOf(i.at, timeZone), hour: timed ? h : null };
}

export function WeekView({ start, items, colorOf, onOpen, onPlan, showPerson = false }: {
  showPerson?: boolean; start: string; items: CalendarItem[]; colorOf: (i: CalendarItem) => string | undefined; onOpen: (i: CalendarItem) => void; onPlan: (localInput: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const today = fmt.dayKey(new Date());
  const dayLabel = new Intl.DateTimeFormat(fmt.locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const label = (day: string) => dayLabel.format(new Date(`${day}T12:00:00Z`));
  const bySlot = new Map<string, CalendarItem[]>();
  for (const i of items) {
    const s = slotOf(i, fmt.timeZone);
    const key = `${s.day}|${s.hour ?? 'all'}`;
    bySlot.set(key, [...(bySlot.get(key) ?? []), i]);
  }
  const cell = (day: string, hour: number | null) => (
    <div key={`${day}-${hour ?? 'all'}`} className="cal-cell" data-testid={hour === null ? `allday-${day}` : `slot-${day}-${hour}`}>
      <button type="button" className="cal-slot" aria-label={t('calendar.planAt', { when: `${label(day)} ${hour === null ? '' : `${pad(hour)}:00`}`.trim() })}
        onClick={() => onPlan(`${day}T${pad(hour ?? 10)}:00`)} />
      {(bySlot.get(`${day}|${hour ?? 'all'}`) ?? []).map((i) => <ItemChip key={i.id} item={i} color={colorOf(i)} onOpen={onOpen} showPerson={showPerson} />)}
    </div>
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <div className="cal-week" data-testid="week-view">
        <div className="cal-head" />
        {days.map((d) => <div key={d} className={`cal-head${d === today ? ' today' : ''}`}>{label(d)}</div>)}
        <div className="cal-hour">{t('calendar.allDay')}</div>
        {days.map((d) => cell(d, null))}
        {WORK_HOURS.flatMap((h) => [<div key={`h${h}`} className="cal-hour">{pad(h)}:00</div>, ...days.map((d) => cell(d, h))])}
      </div>
    </div>
  );
}
