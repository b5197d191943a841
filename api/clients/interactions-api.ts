// Interactions with clients: each employee's calendar (`employeeId`, `from`, `to`), a manager's
// view of the plans of their reports down the chain (`team=true`, or some of them: `employeeIds`)
// with counts per person (`/summary`), a client's history (`clientId`); recording one planned or
// done, and rescheduling or completing it with a report. Someone else's calendar is open only to
// the managers above them, management and admins (domain/clients/calendar-access.ts): 403.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { checkCalendarAccess, checkHasTeam } from '../../domain/clients/calendar-access.ts';
import { reportsOf } from '../../domain/clients/client-access.ts';
import { createInteraction } from '../../domain/clients/create-interaction.ts';
import type { InteractionKind, InteractionStatus } from '../../domain/clients/entities.ts';
import { visibleInteraction } from '../../domain/clients/interaction-access.ts';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { updateInteraction } from '../../domain/clients/update-interaction.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import type { Viewer } from '../../domain/processes/case-access.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problemSchema, problems, validationHook } from '../problem.ts';
import { isoTimestamp, isoTimestampOrNull } from '../timestamps.ts';
import { interactionPatchSchema, interactionSummaryQuery, interactionSummarySchema, interactionViewSchema, listInteractionsQuery, newInteractionSchema } from './schemas.ts';

export interface InteractionFilter {
  id?: string | undefined;
  employeeId?: string | undefined;
  employeeIds?: string[] | undefined;
  /** The reports of this manager, down the chain. */
  teamOf?: string | undefined;
  clientId?: string | undefined;
  kind?: InteractionKind | undefined;
  status?: InteractionStatus | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

interface Row {
  id: string; client_id: string; client_name: string; contact_id: string | null; contact_name: string | null; employee_id: string; employee_name: string;
  kind: InteractionKind; status: InteractionStatus; at: Date | string; duration_minutes: number | null; subject: string | null; report: string | null;
  result: string | null; next_contact_at: Date | string | null; completed_at: Date | string | null; created_by_id: string; created_at: Date | string;
  updated_at: Date | string; version: number;
}

const view = (r: Row) => ({
  id: r.id, client: { id: r.client_id, name: r.client_name }, contact: r.contact_id && r.contact_name !== null ? { id: r.contact_id, fullName: r.contact_name } : null,
  employee: { id: r.employee_id, name: r.employee_name }, kind: r.kind, status: r.status, at: isoTimestamp(r.at), durationMinutes: r.duration_minutes,
  subject: r.subject, report: r.report, result: r.result, nextContactAt: isoTimestampOrNull(r.next_contact_at), completedAt: isoTimestampOrNull(r.completed_at),
  createdBy: r.created_by_id, createdAt: isoTimestamp(r.created_at), updatedAt: isoTimestamp(r.updated_at), version: r.version,
});

/** Served by the indexes on (employee, at) and (client, at); the visibility rule filters the page and its count alike. */
export async function readInteractions(em: EntityManager, viewer: Viewer, f: InteractionFilter, page: { sort: 'at' | '-at'; limit: number; offset: number }) {
  const parts: RawBuilder<unknown>[] = [visibleInteraction(viewer)];
  if (f.id) parts.push(sql`i.id = ${f.id}::uuid`);
  if (f.employeeId) parts.push(sql`i.employee_id = ${f.employeeId}::uuid`);
  if (f.employeeIds) parts.push(sql`i.employee_id = any(${f.employeeIds}::uuid[])`);
  if (f.teamOf) parts.push(sql`i.employee_id = any(${reportsOf(f.teamOf)})`);
  if (f.clientId) parts.push(sql`i.client_id = ${f.clientId}::uuid`);
  if (f.kind) parts.push(sql`i.kind = ${f.kind}`);
  if (f.status) parts.push(sql`i.status = ${f.status}`);
  if (f.from) parts.push(sql`i.at >= ${f.from}`);
  if (f.to) parts.push(sql`i.at < ${f.to}`);
  const where = sql<SqlBool>`${sql.join(parts, sql` and `)}`;
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<Row>`select i.*, c.name as client_name, t.full_name as contact_name, e.full_name as employee_name
      from interaction i join client c on c.id = i.client_id join employee e on e.id = i.employee_id left join client_contact t on t.id = i.contact_id
      where ${where} order by ${page.sort === 'at' ? sql`i.at asc, i.id asc` : sql`i.at desc, i.id desc`} limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from interaction i join client c on c.id = i.client_id where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(view), total: Number(counted.rows[0]?.total ?? 0) };
}

async function readInteraction(em: EntityManager, viewer: Viewer, id: string) {
  const found = (await readInteractions(em, viewer, { id }, { sort: 'at', limit: 1, offset: 0 })).items[0];
  if (!found) throw notFound('Interaction', id);
  return found;
}

/**
 * Done, overdue and upcoming planned interactions per person in the period: the people asked
 * for, else everyone below the viewer in the chain; people with nothing in the period count zero.
 */
async function summarise(em: EntityManager, viewerId: string, period: { from: Date; to: Date }, employeeIds: string[] | undefined) {
  const people = employeeIds ? sql`${employeeIds}::uuid[]` : reportsOf(viewerId);
  const { rows } = await sql<{ id: string; name: string; done: number; overdue: number; planned: number }>`select e.id, e.full_name as name,
      count(i.id) filter (where i.status = 'done')::int as done,
      count(i.id) filter (where i.status = 'planned' and i.at < now())::int as overdue,
      count(i.id) filter (where i.status = 'planned' and i.at >= now())::int as planned
    from employee e left join interaction i on i.employee_id = e.id and i.at >= ${period.from} and i.at < ${period.to}
    where e.id = any(${people}) group by e.id, e.full_name order by e.full_name, e.id`.execute(em.getKysely());
  return { items: rows.map((r) => ({ employee: { id: r.id, name: r.name }, done: r.done, overdue: r.overdue, planned: r.planned })) };
}

export const idList = (s: string | undefined) => (s === undefined ? undefined : [...new Set(s.toLowerCase().split(','))]);

const dateOrNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : new Date(s));

export const interactionsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Clients'], summary: 'Interactions you may see: a calendar (employeeId, from, to), your reports\' plans (team=true), a client\'s history (clientId)',
      request: { query: listInteractionsQuery },
      responses: { 200: { description: 'A page of interactions', ...json(z.object({ items: z.array(interactionViewSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { employeeId, employeeIds: ids, team, clientId, kind, status, from, to, sort, limit, offset } = c.req.valid('query');
      const employeeIds = idList(ids);
      if (team === 'true') await checkHasTeam(c.var.em, c.var.actor);
      await checkCalendarAccess(c.var.em, c.var.actor, [...(employeeId ? [employeeId] : []), ...(employeeIds ?? [])]);
      const filter = { employeeId, employeeIds, teamOf: team === 'true' ? c.var.actor.employeeId : undefined, clientId, kind, status, from: dateOrNull(from) ?? undefined, to: dateOrNull(to) ?? undefined };
      return c.json(await readInteractions(c.var.em, c.var.viewer, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/summary', tags: ['Clients'], summary: 'Done, overdue and planned interactions per person of your team (or some of them) in a period',
      request: { query: interactionSummaryQuery },
      responses: { 200: { description: 'One row per person', ...json(interactionSummarySchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { from, to, employeeIds: ids } = c.req.valid('query');
      const employeeIds = idList(ids);
      if (employeeIds) await checkCalendarAccess(c.var.em, c.var.actor, employeeIds);
      else await checkHasTeam(c.var.em, c.var.actor);
      return c.json(await summarise(c.var.em, c.var.actor.employeeId, { from: new Date(from), to: new Date(to) }, employeeIds), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Clients'], summary: 'Record an interaction with a client you see: planned, or done with its report',
      request: { ...jsonBody(newInteractionSchema) },
      responses: { 201: { description: 'Recorded', ...json(interactionViewSchema) }, ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const b = c.req.valid('json');
      const id = await createInteraction(em, actor, {
        id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'interaction.create'),
        clientId: b.clientId, contactId: b.contactId, employeeId: b.employeeId,
        fields: {
          kind: b.kind, status: b.status ?? 'planned', at: new Date(b.at), durationMinutes: b.durationMinutes ?? null, subject: b.subject ?? null,
          report: b.report ?? null, result: b.result ?? null, nextContactAt: dateOrNull(b.nextContactAt) ?? null,
        },
      });
      return c.json(await readInteraction(em.fork(), c.var.viewer, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Clients'], summary: 'Reschedule, reassign or complete an interaction (status "done" with the report) on the version you read',
      request: { params: idParamSchema, ...jsonBody(interactionPatchSchema) },
      responses: {
        200: { description: 'Changed', ...json(interactionViewSchema) },
        ...problems(400, 401, 403, 404, 422),
        409: { description: 'Your version was stale; `current` is the interaction as it is now', content: { 'application/problem+json': { schema: problemSchema.extend({ current: interactionViewSchema.optional() }) } } },
      },
    }),
    async (c) => {
      const { em, actor, viewer } = c.var;
      const { id } = c.req.valid('param');
      const { version, contactId, employeeId, at, nextContactAt, ...rest } = c.req.valid('json');
      const fields = { ...rest, ...(at !== undefined ? { at: new Date(at) } : {}), ...(nextContactAt !== undefined ? { nextContactAt: dateOrNull(nextContactAt) ?? null } : {}) };
      try {
        await updateInteraction(em, actor, id, { version, fields, contactId, employeeId });
      } catch (err) {
        if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await readInteraction(em.fork(), viewer, id) } });
        throw err;
      }
      return c.json(await readInteraction(em.fork(), viewer, id), 200);
    },
  );
