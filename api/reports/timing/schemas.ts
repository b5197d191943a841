// Shapes of the process-timing reports: the timing of a route version per node, person and path,
// the breaching steps of a node, and the steps at risk of breaching now.
import { z } from '@hono/zod-openapi';
import { idSchema } from '../../../domain/routes/route-schema.ts';

const isoDate = z.iso.date().openapi({ example: '2026-11-24' });
const common = {
  from: isoDate.optional().openapi({ description: 'First day (company time zone), inclusive; 90 days before `to` by default' }),
  to: isoDate.optional().openapi({ description: 'Last day, inclusive; today by default' }),
  departmentId: z.uuid().optional().openapi({ description: 'Only the steps of this department\'s people' }),
  employeeId: z.uuid().optional().openapi({ description: 'Only this person\'s steps' }),
};
const routeKey = z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a route key such as deal').openapi({ example: 'deal' });
const version = z.coerce.number().int().min(1).max(1_000_000);
const msValue = z.number().int().nullable().openapi({ description: 'Working milliseconds; null with no steps' });
const employee = z.object({ id: z.uuid(), fullName: z.string() });

export const processTimingQuery = z.object({
  routeKey,
  version: version.optional().openapi({ description: 'The version; the latest published by default' }),
  compareVersion: version.optional().openapi({ description: 'Another version to set beside it' }),
  ...common,
});

const nodeTiming = z
  .object({
    nodeId: z.string(),
    name: z.string(),
    cases: z.number().int(),
    steps: z.number().int(),
    medianMs: msValue,
    p90Ms: msValue,
    queueMedianMs: msValue.openapi({ description: 'Median opened -> claimed, for steps given to a role queue' }),
    assignedMedianMs: msValue.openapi({ description: 'Median claimed (or opened) -> completed' }),
    target: z.string().nullable().openapi({ description: 'The node\'s due duration as the route says it, e.g. P3D' }),
    overDue: z.number().int(),
    overDueShare: z.number().min(0).max(1).openapi({ description: 'Of the steps with a due time, the share completed after it' }),
    reworkShare: z.number().min(0).max(1).openapi({ description: 'Share of cases in which this node ran more than once' }),
    avgRepeats: z.number().openapi({ description: 'Steps per case on this node' }),
  })
  .openapi('NodeTiming');

export const processTimingSchema = z
  .object({
    route: z.object({ key: z.string(), name: z.string(), version: z.number().int(), versionId: z.uuid() }),
    period: z.object({ from: z.string(), to: z.string() }),
    nodes: z.array(nodeTiming),
    people: z.array(z.object({ nodeId: z.string(), employee, steps: z.number().int(), medianMs: msValue, p90Ms: msValue, overDueShare: z.number().min(0).max(1) })),
    variants: z.array(z.object({ path: z.array(z.string()), cases: z.number().int(), share: z.number().min(0).max(1), medianMs: msValue })),
    compare: z.object({ version: z.number().int(), versionId: z.uuid(), nodes: z.array(nodeTiming) }).optional(),
  })
  .openapi('ProcessTiming');

export const breachesQuery = z.object({
  routeKey,
  version: version.optional(),
  nodeId: idSchema,
  ...common,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

export const breachesSchema = z
  .object({
    items: z.array(
      z.object({
        processId: z.uuid(),
        subject: z.string(),
        assignmentId: z.uuid(),
        employee: employee.nullable(),
        openedAt: z.iso.datetime(),
        dueAt: z.iso.datetime(),
        closedAt: z.iso.datetime().nullable().openapi({ description: 'Null: still open past its due time' }),
        workingMs: z.number().int(),
        overByMs: z.number().int().openapi({ description: 'Working time past the due time' }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('TimingBreaches');

export const atRiskQuery = z.object({
  withinHours: z.coerce.number().min(0).max(2000).default(8).openapi({ description: 'Working hours ahead' }),
  departmentId: common.departmentId,
  employeeId: common.employeeId,
});

const counts = { atRisk: z.number().int(), overdue: z.number().int(), stuck: z.number().int() };
const department = z.object({ id: z.uuid(), name: z.string() });

export const atRiskSchema = z
  .object({
    withinHours: z.number(),
    at: z.iso.datetime(),
    items: z.array(
      z.object({
        assignmentId: z.uuid(),
        processId: z.uuid(),
        subject: z.string(),
        route: z.object({ key: z.string(), name: z.string(), version: z.number().int() }),
        nodeId: z.string(),
        stepName: z.string(),
        employee: employee.nullable(),
        department: department.nullable(),
        role: z.object({ code: z.string(), name: z.string() }).nullable(),
        openedAt: z.iso.datetime(),
        dueAt: z.iso.datetime(),
        workingMsLeft: z.number().int().openapi({ description: 'Negative when overdue' }),
        overdue: z.boolean(),
        openWorkingMs: z.number().int(),
        nodeP90Ms: z.number().int().nullable().openapi({ description: 'Null when the node has fewer than 5 closed steps in 90 days' }),
        stuck: z.boolean(),
      }),
    ),
    byPerson: z.array(z.object({ employee, ...counts })),
    byDepartment: z.array(z.object({ department: department.nullable(), ...counts })),
  })
  .openapi('AtRisk');
