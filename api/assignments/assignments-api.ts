// Assignments: my inbox (open, overdue, done), my roles' unclaimed queue, claim and complete.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { claimAssignment } from '../../domain/assignments/claim-assignment.ts';
import { completeAssignment } from '../../domain/assignments/complete-assignment.ts';
import { reassignAssignment } from '../../domain/assignments/reassign-assignment.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { seesCase } from '../../domain/processes/case-access.ts';
import type { AppEnv } from '../context.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { temporalEngine } from '../processes/temporal-engine.ts';
import { assignmentDetail, completedView, decodeCursor, findAssignmentViews, listAssignments, type AssignmentList } from './assignment-view.ts';
import { assignmentPageSchema, assignmentParamSchema, assignmentViewSchema, completeSchema, completedSchema, inboxQuery, queueQuery, reassignSchema } from './schemas.ts';

const page = json(assignmentPageSchema);

/** The use cases' dependencies for this request: its EntityManager and the Temporal engine. */
const using = (v: Pick<AppEnv['Variables'], 'em' | 'deps'>) => ({ em: v.em, engine: temporalEngine(v.deps.temporal, v.deps.taskQueue) });

export const assignmentsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/inbox', tags: ['Assignments'], summary: 'My assignments: open and overdue earliest due first, completed latest first',
      request: { query: inboxQuery },
      responses: { 200: { description: 'One page of my inbox', ...page }, ...problems(400, 401) },
    }),
    async (c) => {
      const { status, limit, cursor } = c.req.valid('query');
      const assigneeId = c.var.actor.employeeId;
      const list: AssignmentList = status === 'overdue' ? { kind: 'overdue', assigneeId, now: new Date() } : { kind: status, assigneeId };
      return c.json(await listAssignments(c.var.em, list, { limit, ...(cursor ? { cursor: decodeCursor(cursor)! } : {}) }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/queue', tags: ['Assignments'], summary: "Unclaimed assignments of my roles' queues, earliest due first",
      request: { query: queueQuery },
      responses: { 200: { description: 'One page of claimable assignments', ...page }, ...problems(400, 401) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await listAssignments(c.var.em, { kind: 'queue', roles: c.var.actor.roles }, { limit, ...(cursor ? { cursor: decodeCursor(cursor)! } : {}) }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Assignments'], summary: 'One assignment, with its instructions, outcomes and form',
      request: { params: assignmentParamSchema },
      responses: { 200: { description: 'The assignment', ...json(assignmentViewSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const a = await assignmentDetail(c.var.em, id);
      if (!a) throw notFound('Assignment', id);
      const actor = c.var.actor;
      // Its holder and its queue see it at once; anyone else by the case's rule (their managers, management...).
      const mine = a.assigneeId === actor.employeeId || (a.role !== null && actor.roles.includes(a.role));
      if (!mine && !(await seesCase(c.var.em, c.var.viewer, a.process.id))) throw new DomainError('forbidden', 'You are not involved in the case of this assignment');
      return c.json(a, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/claim', tags: ['Assignments'], summary: 'Take an assignment from a role queue',
      request: { params: assignmentParamSchema },
      responses: { 200: { description: 'Claimed', ...json(assignmentViewSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await claimAssignment(using(c.var), c.var.actor, { assignmentId: id, idempotencyKey: c.var.idempotencyKey });
      const [a] = await findAssignmentViews(c.var.em.fork(), { id });
      return c.json(a!, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/complete', tags: ['Assignments'], summary: 'Complete an assignment with its outcome and form',
      request: { params: assignmentParamSchema, ...jsonBody(completeSchema) },
      responses: { 200: { description: 'Completed, with the steps it led to', ...json(completedSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      // The assignment is read once, before: the answer is that view with the completion on it.
      const read = (assignmentId: string) => assignmentDetail(c.var.em, assignmentId);
      const { step, opened, before } = await completeAssignment({ ...using(c.var), read }, c.var.actor, { assignmentId: id, input, idempotencyKey: c.var.idempotencyKey });
      return c.json({ ...completedView(before, step, input.form), openedSteps: opened }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/reassign', tags: ['Assignments'], summary: 'Move open work to another person or a role queue (managers)',
      request: { params: assignmentParamSchema, ...jsonBody(reassignSchema) },
      responses: { 200: { description: 'Reassigned', ...json(assignmentViewSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await reassignAssignment(using(c.var), c.var.actor, { ...c.req.valid('json'), assignmentId: id, idempotencyKey: c.var.idempotencyKey });
      const [a] = await findAssignmentViews(c.var.em.fork(), { id });
      return c.json(a!, 200);
    },
  );
