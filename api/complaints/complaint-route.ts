// A complaint's route: registering a complaint starts the published `complaint` route about it
// (the quality officer's review, the departments' opinions, the call-back and the decision, which
// the route writes into the complaint). Started once per complaint: a complaint whose case runs or
// ran already gets none, so a retried registration starts nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../domain/identity/roles.ts';
import type { AppDeps } from '../context.ts';
import { startRouteAbout } from '../processes/start-about-record.ts';

export const COMPLAINT_ROUTE_KEY = 'complaint';

export async function startComplaintRoute(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, actor: Actor, complaintId: string, idempotencyKey?: string): Promise<void> {
  const { rows } = await sql<{ number: string; subject: string; source: string; client_name: string | null }>`
    select c.number, c.subject, c.source, cl.name as client_name
    from complaint c left join client cl on cl.id = c.client_id where c.id = ${complaintId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row) return;
  await startRouteAbout(em, deps, actor, {
    routeKey: COMPLAINT_ROUTE_KEY, unless: 'any-case', keySuffix: 'complaint-route',
    subject: `Жалоба ${row.number}: ${row.subject}`,
    record: { type: 'complaint', id: complaintId },
    variables: { complaint_no: row.number, subject: row.subject.slice(0, 1000), source: row.source, ...(row.client_name ? { client: row.client_name } : {}) },
  }, idempotencyKey);
}
