// Timing facts for steps and cases closed before the facts existed (a deployment upgrading, rows
// written without the transition activity): computed exactly as a close computes them
// (step-facts.ts), a batch per transaction, walking closed rows in order of closing so a node's
// visits are numbered as they happened. Idempotent: rows that already have a fact are skipped.
import type { EntityManager } from '@mikro-orm/postgresql';
import { caseCalendar, insertCaseFacts, insertStepFacts, stepFact, workingMs, type ClosedStepRow } from './step-facts.ts';

const BATCH = 1000;

async function calendarsOf(em: EntityManager, versionIds: readonly string[]): Promise<Map<string, unknown>> {
  const ids = [...new Set(versionIds)];
  if (ids.length === 0) return new Map();
  const rows = await em.execute<{ id: string; calendar: unknown }[]>(`select id, definition->'calendar' as calendar from route_version where id in (select jsonb_array_elements_text(?::jsonb)::uuid)`, [JSON.stringify(ids)]);
  return new Map(rows.map((r) => [r.id, r.calendar]));
}

/** Writes the missing facts; returns how many steps and cases it wrote. */
export async function backfillTimingFacts(em: EntityManager, batch = BATCH): Promise<{ steps: number; cases: number }> {
  let steps = 0;
  let cases = 0;
  let after: [Date, string] = [new Date(0), '00000000-0000-0000-0000-000000000000'];
  for (;;) {
    const n = await em.fork().transactional(async (tx) => {
      const rows = await tx.execute<ClosedStepRow[]>(
        `select a.id, a.process_id, a.step_id, coalesce(a.assignee_id, a.completed_by_id) as assignee_id, a.role_code, a.opened_at, a.claimed_at, a.completed_at, a.due_at, a.status, a.outcome,
           p.route_version_id, p.started_at, null as calendar
         from assignment a join process p on p.id = a.process_id
         where a.status <> 'open' and a.completed_at is not null and (a.completed_at, a.id) > (?, ?::uuid)
           and not exists (select 1 from step_timing s where s.assignment_id = a.id)
         order by a.completed_at, a.id limit ?`,
        [after[0], after[1], batch],
      );
      const calendars = await calendarsOf(tx, rows.map((r) => r.route_version_id));
      const facts = [];
      for (const r of rows) facts.push(stepFact(r, await caseCalendar(tx, r.route_version_id, calendars.get(r.route_version_id), new Date(r.started_at))));
      await insertStepFacts(tx, facts);
      const last = rows.at(-1);
      if (last) after = [new Date(last.completed_at), last.id];
      return rows.length;
    });
    steps += n;
    if (n < batch) break;
  }
  let afterCase: [Date, string] = [new Date(0), '00000000-0000-0000-0000-000000000000'];
  for (;;) {
    const n = await em.fork().transactional(async (tx) => {
      const rows = await tx.execute<{ id: string; route_version_id: string; started_at: Date; ended_at: Date }[]>(
        `select p.id, p.route_version_id, p.started_at, p.ended_at from process p
         where p.ended_at is not null and (p.ended_at, p.id) > (?, ?::uuid) and not exists (select 1 from case_timing c where c.process_id = p.id)
         order by p.ended_at, p.id limit ?`,
        [afterCase[0], afterCase[1], batch],
      );
      const calendars = await calendarsOf(tx, rows.map((r) => r.route_version_id));
      const facts = [];
      for (const r of rows) {
        const cal = await caseCalendar(tx, r.route_version_id, calendars.get(r.route_version_id), new Date(r.started_at));
        facts.push({ processId: r.id, workingMs: workingMs(cal, new Date(r.started_at), new Date(r.ended_at)) });
      }
      await insertCaseFacts(tx, facts);
      const last = rows.at(-1);
      if (last) afterCase = [new Date(last.ended_at), last.id];
      return rows.length;
    });
    cases += n;
    if (n < batch) break;
  }
  return { steps, cases };
}
