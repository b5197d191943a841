// The case diagram's overlays as the case page shows them: a done step's duration in working time
// (the API's `workingMs`, on the calendar the case runs by) instead of calendar time, and timer
// labels in the reader's language. Pure, so it is tested without a browser.
import { caseOverlays, type CaseOverlays, type CaseViewForDiagram } from '../graph/case-overlays.ts';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** "reminder", "escalation: notify-manager", "event timeout", "wait" (the workflow's labels) for people. */
export function timerLabel(label: string, t: T): string {
  const escalation = /^escalation: (.+)$/.exec(label);
  if (escalation) {
    const action = escalation[1] ?? '';
    return t('case.timer.escalation', { action: t(`case.escalation.${action}`, { defaultValue: action }) });
  }
  return t(`case.timer.${label}`, { defaultValue: label });
}

export function pageOverlays(view: CaseViewForDiagram & { workingMs: Record<string, number> }, t: T): CaseOverlays {
  const overlays = caseOverlays(view);
  for (const o of Object.values(overlays)) {
    o.done = o.done.map((d) => ({ ...d, tookMs: view.workingMs[d.assignmentId] ?? d.tookMs }));
    o.timers = o.timers.map((x) => ({ ...x, label: timerLabel(x.label, t) }));
  }
  return overlays;
}

/** Midnight of a calendar day (YYYY-MM-DD) in a time zone, as an instant: where a "started from" day begins. */
export function zonedMidnight(isoDate: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment, read back through Intl; twice, in case the first guess
  // falls on the other side of a clock change.
  const offsetAt = (ms: number) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - ms;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}
