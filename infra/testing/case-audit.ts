// What PostgreSQL holds about a set of cases - the case rows, every assignment row, every step
// event - read in three queries, and the ways those rows can be wrong whatever the workflow says:
// a step with two rows, an event recorded twice, a row with no "opened" event or the reverse.
// The race and kill tests compare it with the workflows' own state.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface AuditRow {
  id: string;
  stepId: string;
  status: 'open' | 'completed' | 'withdrawn';
}

export interface AuditEvent {
  type: string;
  stepId: string | null;
  assignmentId: string | null;
}

export interface CaseFacts {
  id: string;
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  rows: AuditRow[];
  /** In the order they happened. */
  events: AuditEvent[];
}

export async function readCases(em: EntityManager, ids: string[]): Promise<Map<string, CaseFacts>> {
  const facts = new Map<string, CaseFacts>();
  if (ids.length === 0) return facts;
  const list = `(${ids.map(() => '?').join(', ')})`;
  const cases = await em.execute<{ id: string; status: CaseFacts['status'] }[]>(`select id, status from process where id in ${list}`, ids);
  for (const c of cases) facts.set(c.id, { id: c.id, status: c.status, rows: [], events: [] });
  const rows = await em.execute<{ id: string; process_id: string; step_id: string; status: AuditRow['status'] }[]>(
    `select id, process_id, step_id, status from assignment where process_id in ${list} order by opened_at, id`,
    ids,
  );
  for (const r of rows) facts.get(r.process_id)?.rows.push({ id: r.id, stepId: r.step_id, status: r.status });
  const events = await em.execute<{ process_id: string; type: string; step_id: string | null; assignment_id: string | null }[]>(
    `select process_id, type, step_id, assignment_id from step_event where process_id in ${list} order by at, id`,
    ids,
  );
  for (const e of events) facts.get(e.process_id)?.events.push({ type: e.type, stepId: e.step_id, assignmentId: e.assignment_id });
  return facts;
}

/**
 * What is wrong with one case's rows on their own: a step of a route without loops opened twice,
 * an event recorded twice for the same assignment, a row without its "opened" event or an
 * "opened" event without its row, an open row in an ended case.
 */
export function rowProblems(c: CaseFacts): string[] {
  const problems: string[] = [];
  const byStep = Map.groupBy(c.rows, (r) => r.stepId);
  for (const [step, rows] of byStep) if (rows.length > 1) problems.push(`step ${step} has ${rows.length} assignment rows`);
  const seen = new Set<string>();
  for (const e of c.events) {
    if (!e.assignmentId) continue;
    const key = `${e.type} ${e.assignmentId}`;
    if (seen.has(key)) problems.push(`${e.type} recorded twice for ${e.stepId} (${e.assignmentId})`);
    seen.add(key);
  }
  const ids = new Set(c.rows.map((r) => r.id));
  for (const r of c.rows) if (!seen.has(`step.opened ${r.id}`)) problems.push(`row of step ${r.stepId} has no step.opened event`);
  for (const e of c.events) if (e.type === 'step.opened' && e.assignmentId && !ids.has(e.assignmentId)) problems.push(`step.opened of ${e.stepId} has no row`);
  if (c.status !== 'running') {
    for (const r of c.rows) if (r.status === 'open') problems.push(`the case is ${c.status} but step ${r.stepId} is still open`);
  }
  return problems.map((p) => `case ${c.id}: ${p}`);
}
