// Shapes of the assignments API: inbox items and completion input.
import { z } from '@hono/zod-openapi';
import { ASSIGNMENT_STATUSES } from '../../domain/entities/processes.ts';
import { PRIORITIES } from '../../domain/routes/graph-schema.ts';

const formValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

export const assignmentViewSchema = z
  .object({
    id: z.uuid(),
    process: z.object({ id: z.uuid(), subject: z.string(), routeKey: z.string(), routeName: z.string() }),
    stepId: z.string(),
    stepName: z.string(),
    instructions: z.string().nullable(),
    assigneeId: z.uuid().nullable(),
    role: z.string().nullable(),
    status: z.enum(ASSIGNMENT_STATUSES),
    overdue: z.boolean(),
    priority: z.enum(PRIORITIES),
    openedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().nullable(),
    claimedAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
    completedBy: z.uuid().nullable(),
    outcome: z.string().nullable(),
    outcomes: z.array(z.object({ id: z.string(), label: z.string() })).nullable(),
    formFields: z.array(z.unknown()).nullable(),
    formData: z.record(z.string(), formValue).nullable(),
  })
  .openapi('Assignment');
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const openStepSchema = z
  .object({
    assignmentId: z.uuid(),
    stepId: z.string(),
    stepName: z.string(),
    assigneeId: z.uuid().nullable().openapi({ description: 'Null while the step waits in a role queue' }),
    roleCode: z.string().nullable(),
    openedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().nullable(),
    priority: z.enum(PRIORITIES),
  })
  .openapi('OpenStep');

export const completedSchema = assignmentViewSchema
  .extend({ openedSteps: z.array(openStepSchema).openapi({ description: 'The steps the case opened because of this completion, already in their inboxes' }) })
  .openapi('CompletedAssignment');

export const completeSchema = z
  .object({
    outcome: z.string().min(1).max(64).optional(),
    form: z.record(z.string(), formValue).optional(),
  })
  .openapi('CompleteAssignment');

export const reassignSchema = z
  .object({
    employeeId: z.uuid().optional(),
    role: z.string().min(1).max(64).optional(),
    reason: z.string().trim().min(1).max(1000),
  })
  .refine((b) => (b.employeeId === undefined) !== (b.role === undefined), { message: 'give exactly one of employeeId and role', path: ['employeeId'] })
  .openapi('ReassignAssignment');

export const inboxQuery = z.object({
  status: z.enum(['open', 'overdue', 'completed']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const assignmentParamSchema = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
