// The case page's overlays: working time replaces calendar time, timers read in the chosen
// language, and a filter's day starts at midnight in the company's zone.
import { describe, expect, it } from 'vitest';
import { en } from '../locales/en.ts';
import { ru } from '../locales/ru.ts';
import { pageOverlays, timerLabel, zonedMidnight } from './overlays.ts';

const t = (key: string, opts?: Record<string, unknown>) => (key === 'case.timer.escalation' ? `Escalation: ${String(opts?.action)}` : key === 'case.escalation.notify-manager' ? 'notify the manager' : key === 'case.timer.reminder' ? 'Reminder' : typeof opts?.defaultValue === 'string' ? opts.defaultValue : key);

const step = (id: string, over: Record<string, unknown>) => ({
  id, stepId: 'review', stepName: 'Review', status: 'completed', assigneeId: 'e1', role: null, overdue: false,
  openedAt: '2026-06-05T15:00:00.000Z', dueAt: null, completedAt: '2026-06-08T07:00:00.000Z', completedBy: 'e1', outcome: null, ...over,
});

describe('the case page overlays', () => {
  it("shows a done step's working time from the API, not the weekend it spanned", () => {
    const o = pageOverlays({ status: 'running', assignments: [step('a1', {})], live: null, workingMs: { a1: 2 * 3_600_000 } }, t);
    expect(o.review?.done[0]?.tookMs).toBe(2 * 3_600_000);
  });

  it('keeps calendar time where the API gave no working figure', () => {
    const o = pageOverlays({ status: 'running', assignments: [step('a1', {})], live: null, workingMs: {} }, t);
    expect(o.review?.done[0]?.tookMs).toBe(Date.parse('2026-06-08T07:00:00.000Z') - Date.parse('2026-06-05T15:00:00.000Z'));
  });

  it('names timers for people', () => {
    expect(timerLabel('reminder', t)).toBe('Reminder');
    expect(timerLabel('escalation: notify-manager', t)).toBe('Escalation: notify the manager');
    expect(timerLabel('something new', t)).toBe('something new');
    const o = pageOverlays({ status: 'running', assignments: [], live: { activeNodes: [], timers: [{ nodeId: 'review', label: 'reminder', at: '2026-06-09T10:00:00.000Z' }] }, workingMs: {} }, t);
    expect(o.review?.timers).toEqual([{ label: 'Reminder', at: '2026-06-09T10:00:00.000Z' }]);
  });

  it('names the pending warning to the manager in Russian and English, like a reminder', () => {
    const lookup = (dict: unknown) => (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict) as string;
    expect(timerLabel('warning', lookup(ru))).toBe('Предупреждение руководителю');
    expect(timerLabel('warning', lookup(en))).toBe('Warning to the manager');
    // The timeline's entry when it fired.
    expect(ru.event['step.at-risk']).toBe('Под угрозой срыва: руководитель предупреждён');
    expect(en.event['step.at-risk']).toBe('At risk: the manager warned');
  });

  it("starts a day at midnight in the company's zone", () => {
    expect(zonedMidnight('2026-06-10', 'Europe/Moscow').toISOString()).toBe('2026-06-09T21:00:00.000Z');
    expect(zonedMidnight('2026-01-10', 'Asia/Vladivostok').toISOString()).toBe('2026-01-09T14:00:00.000Z');
    // A day a clock change falls on (Berlin moves to summer time at 02:00 on 29 March 2026).
    expect(zonedMidnight('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});
