// An installation order opened by hand (not by a signed deal's route, which makes the order and
// runs the hand-off about it as its sub-process) starts the published `installation-handoff`
// route about it: the service head accepts or returns it, schedules it, an engineer completes it,
// and the route moves the order. Started once per order: an order whose case runs or ran gets
// none, so a retried create starts nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../domain/identity/roles.ts';
import type { AppDeps } from '../context.ts';
import { startRouteAbout } from '../processes/start-about-record.ts';

export const HANDOFF_ROUTE_KEY = 'installation-handoff';

export async function startHandoffRoute(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, actor: Actor, orderId: string, idempotencyKey?: string): Promise<void> {
  const { rows } = await sql<{ contract_number: string; install_by: string; client_name: string }>`
    select o.contract_number, to_char(o.install_by, 'YYYY-MM-DD') as install_by, cl.name as client_name
    from installation_order o join client cl on cl.id = o.client_id where o.id = ${orderId}::uuid and o.status = 'new'`.execute(em.getKysely());
  const row = rows[0];
  if (!row) return;
  await startRouteAbout(em, deps, actor, {
    routeKey: HANDOFF_ROUTE_KEY, unless: 'any-case', keySuffix: 'handoff-route',
    subject: `Монтаж по договору ${row.contract_number}: ${row.client_name}`,
    record: { type: 'installation', id: orderId },
    variables: { contract_no: row.contract_number, install_by: row.install_by, client: row.client_name.slice(0, 1000) },
  }, idempotencyKey);
}
