// A complaint's route: registering a complaint starts the published `complaint` route about it
// (the quality officer's review, the departments' opinions, the call-back and the decision, which
// the route writes into the complaint). Started once per complaint: a complaint whose case runs or
// ran already gets none, so a retried registration starts nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../domain/identity/roles.ts';
import type { AppDeps } from '../context.ts';
import { startProcess } from '../processes/process-store.ts';

export const COMPLAINT_ROUTE_KEY = 'complaint';

export async function startComplaintRoute(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, actor: Actor, complaintId: string, idempotencyKey?: string): Promise<void> {
  const { rows } = await sql<{ number: string; subject: string; source: string; client_name: string | null; published: boolean; started: boolean }>`
    select c.number, c.subject, c.source, cl.name as client_name,
      exists(select 1 from route r where r.key = ${COMPLAINT_ROUTE_KEY} and r.latest_version > 0) as published,
      exists(select 1 from process p where p.record_type = 'complaint' and p.record_id = c.id) as started
    from complaint c left join client cl on cl.id = c.client_id where c.id = ${complaintId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row || !row.published || row.started) return;
  await startProcess(em, deps, actor, {
    routeKey: COMPLAINT_ROUTE_KEY,
    subject: `Жалоба ${row.number}: ${row.subject}`.slice(0, 255),
    record: { type: 'complaint', id: complaintId },
    variables: { complaint_no: row.number, subject: row.subject.slice(0, 1000), source: row.source, ...(row.client_name ? { client: row.client_name } : {}) },
  }, idempotencyKey === undefined ? undefined : `${idempotencyKey}:complaint-route`);
}
