// The phone survey round runs on the first working day of the month on the company calendar
// (1 January is a holiday in Russia, so January's round runs about the 9th).
import { isWorkingDay } from '../calendar/calendar-math.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';

export function isFirstWorkingDayOfMonth(cal: WorkingCalendar, isoDate: string): boolean {
  if (!isWorkingDay(cal, isoDate)) return false;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  for (let day = 1; day < d; day += 1) {
    if (isWorkingDay(cal, `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`)) return false;
  }
  return true;
}
