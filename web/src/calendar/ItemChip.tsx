// One interaction on the calendar: time, kind, client; overdue planned ones marked in colour and
// in words; in the team view the left edge is the person's colour.
import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { isOverdue } from './ItemDrawer.tsx';
import type { CalendarItem } from './queries.ts';
import { timeOf } from './zoned.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function ItemChip({ item, color, onOpen, showPerson }: { item: CalendarItem; color?: string | undefined; onOpen: (i: CalendarItem) => void; showPerson?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { h, min } = timeOf(item.at, fmt.timeZone);
  const overdue = isOverdue(item);
  return (
    <button type="button" className="cal-item" data-testid="cal-item" data-status={item.status} data-overdue={overdue} data-employee={item.employee.id}
      style={color ? ({ '--person': color } as React.CSSProperties) : undefined}
      onClick={() => onOpen(item)}>
      <b>{pad(h)}:{pad(min)}</b> {t(`calendar.kinds.${item.kind}`)}{overdue ? ` · ${t('calendar.overdue')}` : ''}
      <br />{item.client.name}
      {/* Heard, not seen: the subject and the status complete the name a screen reader reads. */}
      {item.subject ? <VisuallyHidden> · {item.subject}</VisuallyHidden> : null}
      {showPerson ? <><br /><i>{item.employee.name}</i></> : null}
      {overdue ? null : <VisuallyHidden> · {t(`calendar.statuses.${item.status}`)}</VisuallyHidden>}
    </button>
  );
}
