// The working time a closed step is recorded with, on the Russian 2026 production calendar: over
// a weekend, a shortened pre-holiday day (3 November) and the holiday itself (4 November).
import { describe, expect, it } from 'vitest';
import { local, moscow } from '../../calendar/test-calendars.ts';
import { stepFact, type ClosedStepRow } from './step-facts.ts';

const HOUR = 3_600_000;
const row = (over: Partial<ClosedStepRow>): ClosedStepRow => ({
  id: crypto.randomUUID(), process_id: crypto.randomUUID(), step_id: 'approve', assignee_id: crypto.randomUUID(), role_code: null,
  opened_at: local('2026-10-30T16:00'), claimed_at: null, completed_at: local('2026-11-05T11:00'), due_at: null,
  status: 'completed', outcome: null, route_version_id: crypto.randomUUID(), started_at: local('2026-10-30T16:00'), calendar: null, ...over,
});

describe('a closed step in working time', () => {
  it('splits a queue step into waiting and assigned time across a weekend, a short day and a holiday', () => {
    // Fri 30 Oct 16:00-18:00 (2 h), Mon 2 Nov (8 h), Tue 3 Nov 09:00-10:00 (1 h): 11 h waiting.
    // Tue 3 Nov is shortened (09-13, 14-17): 10:00-17:00 is 6 h; Wed 4 Nov a holiday; Thu 09-11: 2 h.
    const fact = stepFact(row({ role_code: 'sales', claimed_at: local('2026-11-03T10:00'), due_at: local('2026-11-05T10:00') }), moscow);
    expect(fact.queue_ms).toBe(11 * HOUR);
    expect(fact.assigned_ms).toBe(8 * HOUR);
    expect(fact.working_ms).toBe(19 * HOUR);
    expect(fact.over_due).toBe(true);
  });

  it('counts a person\'s step from opening, with no queue time, and on time when closed before due', () => {
    // Fri 17:00-18:00 and Mon 09:00-10:00.
    const fact = stepFact(row({ opened_at: local('2026-10-30T17:00'), completed_at: local('2026-11-02T10:00'), due_at: local('2026-11-02T12:00') }), moscow);
    expect(fact).toMatchObject({ working_ms: 2 * HOUR, queue_ms: null, assigned_ms: 2 * HOUR, over_due: false });
  });

  it('gives no working time to a step done entirely on the holiday', () => {
    const fact = stepFact(row({ opened_at: local('2026-11-04T10:00'), completed_at: local('2026-11-04T15:00') }), moscow);
    expect(fact.working_ms).toBe(0);
  });
});
