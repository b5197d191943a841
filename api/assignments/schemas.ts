// Shapes of the assignments API: list items and pages, the single-assignment view, and the
// completion and reassignment input.
import { z } from '@hono/zod-openapi';
import { ASSIGNMENT_STATUSES } from '../../domain/assignments/entities.ts';
import { PRIORITIES } from '../../domain/routes/graph-schema.ts';
import { decodeCursor } from './assignment-view.ts';

const formValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

const listItemShape = {
  id: z.uuid(),
  process: z.object({
    id: z.uuid(), subject: z.string(), routeKey: z.string(), routeName: z.string(),
    record: z
      .object({ type: z.string(), id: z.uuid(), label: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The record the case is about (a deal), with its label, so the task can link to it' }),
  }),
  stepId: z.string(),
  stepName: z.string(),
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
};

/** A row of a list (inbox, queue, a case's work): what the list shows, not the form to fill in. */
export const assignmentListItemSchema = z.object(listItemShape).openapi('AssignmentListItem');
export type AssignmentListItem = z.infer<typeof assignmentListItemSchema>;

/** One assignment with what a person needs to do the step (GET /api/assignments/{id}). */
export const assignmentViewSchema = z
  .object({
    ...listItemShape,
    instructions: z.string().nullable(),
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
    reason: z.string().max(1000).regex(/\S/, 'must not be blank'),
  })
  .refine((b) => (b.employeeId === undefined) !== (b.role === undefined), { message: 'give exactly one of employeeId and role', path: ['employeeId'] })
  // The refinement, as the document can say it: exactly one of the two is present.
  .openapi('ReassignAssignment', { oneOf: [{ required: ['employeeId'] }, { required: ['role'] }] });

const limit = z.coerce.number().int().min(1).max(200).default(100).openapi({ description: 'Items per page' });
const cursor = z
  .string()
  .max(200)
  .refine((c) => decodeCursor(c) !== undefined, { message: 'is not a cursor this API returned' })
  .optional()
  .openapi({ description: 'The `nextCursor` of the previous page; omit for the first page' });

export const inboxQuery = z.object({
  status: z.enum(['open', 'overdue', 'completed']).default('open').openapi({ description: 'open and overdue: earliest due first, undated last; completed: latest first' }),
  limit,
  cursor,
});

export const queueQuery = z.object({ limit, cursor });

export const assignmentPageSchema = z
  .object({
    items: z.array(assignmentListItemSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('AssignmentPage');

export const assignmentParamSchema = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
