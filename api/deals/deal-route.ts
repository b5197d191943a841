// A deal's route: opening a deal starts the published `deal` route for it (unless asked not to),
// about the deal, with the owner's e-mail as the route's `owner`; and the moves the board offers:
// for each open step of the deal's case the viewer may complete, where each outcome takes the deal
// (read off the case's route version by domain/deals/deal-moves.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { dealRights } from '../../domain/deals/deal-access.ts';
import { stageMoves } from '../../domain/deals/deal-moves.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { RouteGraph } from '../../domain/routes/graph-schema.ts';
import type { AppDeps } from '../context.ts';
import { startProcess } from '../processes/process-store.ts';

export const DEAL_ROUTE_KEY = 'deal';

/** Starts the Deal route for a deal that has no case yet, when a `deal` route is published. */
export async function startDealRoute(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, actor: Actor, dealId: string, idempotencyKey?: string): Promise<void> {
  const { rows } = await sql<{ title: string; process_id: string | null; owner_email: string; client_name: string; published: boolean }>`
    select d.title, d.process_id, o.email as owner_email, c.name as client_name,
      exists(select 1 from route r where r.key = ${DEAL_ROUTE_KEY} and r.latest_version > 0) as published
    from deal d join employee o on o.id = d.owner_id join client c on c.id = d.client_id where d.id = ${dealId}::uuid`.execute(em.getKysely());
  const deal = rows[0];
  if (!deal || deal.process_id !== null || !deal.published) return;
  const started = await startProcess(em, deps, actor, {
    routeKey: DEAL_ROUTE_KEY,
    subject: `Сделка: ${deal.title}`.slice(0, 255),
    record: { type: 'deal', id: dealId },
    variables: { owner: deal.owner_email, client: deal.client_name },
  }, idempotencyKey === undefined ? undefined : `${idempotencyKey}:deal-route`);
  // Plain SQL: linking the case is not a change a person made, so the deal's version stays.
  await sql`update deal set process_id = ${started.summary.id}::uuid where id = ${dealId}::uuid and process_id is null`.execute(em.getKysely());
}

/** The moves the board offers for a deal, for the viewer; not_found for a deal they may not see. */
export async function dealMoves(em: EntityManager, actor: Actor, dealId: string) {
  const rights = await dealRights(em, actor, dealId);
  const { rows } = await sql<{ process_id: string | null; status: string | null; definition: RouteGraph | null }>`
    select d.process_id, p.status, v.definition from deal d left join process p on p.id = d.process_id left join route_version v on v.id = p.route_version_id
    where d.id = ${dealId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  const running = row?.process_id && row.status === 'running' && row.definition?.language === 'route/v1' ? row.definition : null;
  if (!row?.process_id || !running) return { dealId, caseId: row?.process_id ?? null, patchable: rights.write && !(row?.process_id && row.status === 'running'), steps: [] };
  const { rows: open } = await sql<{ id: string; step_id: string; step_name: string; assignee_id: string | null; role_code: string | null }>`
    select id, step_id, step_name, assignee_id, role_code from assignment where process_id = ${row.process_id}::uuid and status = 'open' order by opened_at, id`.execute(em.getKysely());
  const mine = open.filter((a) => (a.assignee_id ? a.assignee_id === actor.employeeId : a.role_code !== null && actor.roles.includes(a.role_code)));
  return {
    dealId,
    caseId: row.process_id,
    patchable: false,
    steps: mine.map((a) => ({
      assignmentId: a.id,
      stepId: a.step_id,
      stepName: a.step_name,
      moves: stageMoves(running, a.step_id).map((m) => ({
        outcome: m.outcome,
        label: m.label,
        stage: m.target && 'stage' in m.target ? m.target.stage : null,
        close: m.target && 'close' in m.target ? m.target.close : null,
        needsForm: m.needsForm,
      })),
    })),
  };
}
