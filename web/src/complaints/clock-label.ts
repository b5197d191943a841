// What the SLA clock badge says, as a pure function of the clock the API sends. Whole minutes
// only: a clock less than a minute either side of its due time reads "due now", never
// "overdue by 0 h 0 min" (which looked like a fault) nor "0 h 0 min left".

export interface Clock {
  leftMs: number;
  overdue: boolean;
  paused: boolean;
}

export type ClockLabel =
  | { key: 'left' | 'overdue' | 'paused'; h: number; m: number; tone: 'ok' | 'late' | 'paused' }
  | { key: 'dueNow'; tone: 'due' };

export function clockLabel(clock: Clock): ClockLabel {
  const minutes = Math.floor(Math.abs(clock.leftMs) / 60_000);
  const hm = { h: Math.floor(minutes / 60), m: minutes % 60 };
  // A paused clock does not run out: it shows what is left (never below zero).
  if (clock.paused) return { key: 'paused', ...(clock.leftMs > 0 ? hm : { h: 0, m: 0 }), tone: 'paused' };
  if (minutes === 0) return { key: 'dueNow', tone: 'due' };
  return clock.overdue || clock.leftMs < 0 ? { key: 'overdue', ...hm, tone: 'late' } : { key: 'left', ...hm, tone: 'ok' };
}
