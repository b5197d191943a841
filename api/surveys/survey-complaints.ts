// Starting the complaint route of complaints that low survey scores registered. The answers and
// the complaint are written in one transaction wherever they come from (the public page, or the
// phone call's route operation inside the engine's transaction, which has no Temporal client); the
// route is started afterwards by whoever has one: the public page's request right away, and the
// survey sweep (workflows/survey-rounds.ts) every few minutes for the calls. Each start is keyed by
// the answer set, and a complaint whose route runs already gets none, so a retry starts nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { portalActor } from '../../domain/portal/confirm-request.ts';
import { startComplaintRoute } from '../complaints/complaint-route.ts';
import type { AppDeps } from '../context.ts';

export async function startSurveyComplaintRoutes(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, limit = 100): Promise<number> {
  const { rows } = await sql<{ id: string; complaint_id: string }>`
    select id, complaint_id from survey_answer_set where complaint_id is not null and complaint_route_at is null
    order by answered_at limit ${limit}`.execute(em.getKysely());
  if (!rows.length) return 0;
  const actor = await portalActor(em);
  for (const r of rows) {
    await startComplaintRoute(em.fork(), deps, actor, r.complaint_id, `survey-complaint:${r.id}`);
    await sql`update survey_answer_set set complaint_route_at = now() where id = ${r.id}::uuid`.execute(em.getKysely());
  }
  return rows.length;
}
