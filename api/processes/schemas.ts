// Shapes of the processes API: starting a case, the case list and the case view.
import { z } from '@hono/zod-openapi';
import { PROCESS_STATUSES } from '../../domain/processes/entities.ts';
import { MAX_LIST_ITEMS, idSchema } from '../../domain/routes/route-schema.ts';
import { assignmentListItemSchema, openStepSchema } from '../assignments/schemas.ts';

/** The record a case is about, with its label (a deal's title) so the UI can link to it. */
export const recordRefSchema = z
  .object({ type: z.string(), id: z.uuid(), label: z.string().nullable().openapi({ description: 'Null when the record no longer exists' }) })
  .openapi('CaseRecord');

export const formValueSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
/** A case variable: a single value, or a list variable's values (texts, numbers or record ids). */
export const variableValueSchema = z.union([formValueSchema, z.array(z.union([z.string().max(200), z.number()])).max(MAX_LIST_ITEMS)]);

export const startProcessSchema = z
  .object({
    routeId: z.uuid().optional(),
    routeKey: idSchema.optional(),
    version: z.number().int().min(1).optional().openapi({ description: 'Defaults to the latest published version' }),
    subject: z.string().max(255).regex(/\S/, 'must not be blank').openapi({ description: 'What the case is about, e.g. "Deal: Pavilion 12, 3 freezers"' }),
    record: z
      .object({ type: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/).openapi({ example: 'deal' }), id: z.uuid() })
      .strict()
      .optional()
      .openapi({ description: 'The record the case is about; you must see it. A route with `update-record` actions changes it' }),
    variables: z.record(idSchema, variableValueSchema).default({}),
  })
  .refine((b) => (b.routeId === undefined) !== (b.routeKey === undefined), { message: 'give exactly one of routeId and routeKey', path: ['routeId'] })
  // The refinement, as the document can say it: exactly one of the two is present.
  .openapi('StartProcess', { oneOf: [{ required: ['routeId'] }, { required: ['routeKey'] }] });

export const outsideEventSchema = z
  .object({
    name: idSchema,
    payload: z.record(idSchema, formValueSchema).default({}),
    reason: z.string().max(1000).regex(/\S/, 'must not be blank').optional().openapi({ description: 'Why a person sends it (shown in the timeline); e.g. a manager acting for the client' }),
  })
  .openapi('OutsideEvent');

export const cancelProcessSchema = z.object({ reason: z.string().max(1000).regex(/\S/, 'must not be blank') }).openapi('CancelProcess');

export const listProcessesQuery = z.object({
  status: z.enum(PROCESS_STATUSES).optional(),
  routeId: z.uuid().optional(),
  startedBy: z.uuid().optional(),
  version: z.coerce.number().int().min(1).max(2_147_483_647).optional().openapi({ description: 'Only cases running this version number (of `routeId` when given)' }),
  startedFrom: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started at or after this instant' }),
  startedTo: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started at or before this instant' }),
  holder: z.uuid().optional().openapi({ description: 'Only cases with an open step in this employee\'s inbox' }),
  clientId: z.uuid().optional().openapi({ description: 'Only cases about this client: cases about its deals, invoices, installation orders and complaints, and cases whose variable `client_id` names it' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const processSummarySchema = z
  .object({
    id: z.uuid(),
    subject: z.string(),
    record: recordRefSchema.nullable().openapi({ description: 'The record the case is about, if any' }),
    status: z.enum(PROCESS_STATUSES),
    route: z.object({ id: z.uuid(), key: z.string(), name: z.string(), version: z.number().int(), versionId: z.uuid() }),
    currentStep: z.object({ id: z.string(), name: z.string() }).nullable(),
    startedBy: z.uuid(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
  })
  .openapi('ProcessSummary');

export const waitingForSchema = z
  .object({
    assignmentId: z.uuid(),
    stepId: z.string(),
    stepName: z.string(),
    holder: z.object({ id: z.uuid(), name: z.string() }).nullable().openapi({ description: 'Null while the step waits in a role queue' }),
    role: z.string().nullable(),
    openedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
  })
  .openapi('WaitingFor');

export const processListItemSchema = processSummarySchema
  .extend({
    waitingFor: z.array(waitingForSchema).openapi({ description: 'The open steps of the case and who (or which role queue) holds each' }),
    stuck: z.boolean().openapi({ description: 'An open step is past its due time' }),
  })
  .openapi('ProcessListItem');

export const processStartedSchema = processSummarySchema
  .extend({
    variables: z.record(z.string(), variableValueSchema),
    openSteps: z.array(openStepSchema).openapi({ description: 'The steps the case opened first, already in their assignees\' inboxes' }),
  })
  .openapi('ProcessStarted');

export const timelineEventSchema = z
  .object({
    type: z.string().openapi({ example: 'step.completed' }),
    at: z.iso.datetime(),
    stepId: z.string().nullable(),
    assignmentId: z.uuid().nullable(),
    actorId: z.uuid().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('TimelineEvent');

export const processDetailSchema = processSummarySchema
  .extend({
    variables: z.record(z.string(), variableValueSchema),
    result: z.record(z.string(), z.unknown()).nullable(),
    parentId: z.uuid().nullable().openapi({ description: 'The case that started this one as a sub-process' }),
    children: z
      .array(z.object({ id: z.uuid(), subject: z.string(), status: z.enum(PROCESS_STATUSES), startedAt: z.iso.datetime() }))
      .openapi({ description: 'Sub-processes this case started, running or ended (the first 200; a foreach over more counts them in `live.foreach`)' }),
    timeline: z.array(timelineEventSchema),
    assignments: z.array(assignmentListItemSchema),
    live: z
      .object({
        status: z.string(),
        activeNodes: z.array(z.object({ nodeId: z.string(), kind: z.string(), since: z.string() })),
        openSteps: z.array(z.record(z.string(), z.unknown())),
        timers: z.array(z.object({ nodeId: z.string(), label: z.string(), at: z.string() })).openapi({ description: 'Pending reminders, escalations, waits and event timeouts, with the instant each fires' }),
        completedSteps: z.array(z.record(z.string(), z.unknown())),
        variables: z.record(z.string(), z.unknown()),
        outcomes: z.record(z.string(), z.string().optional()),
        children: z.array(z.object({ nodeId: z.string(), processId: z.uuid().nullable() })).openapi({ description: 'Sub-processes running now' }),
        foreach: z
          .array(
            z.object({
              nodeId: z.string(),
              total: z.number().int().nullable().openapi({ description: 'Null until the items are resolved' }),
              started: z.number().int(),
              running: z.number().int(),
              finished: z.number().int(),
              succeeded: z.number().int(),
              failed: z.number().int(),
              cancelled: z.number().int(),
            }),
          )
          .optional()
          .openapi({ description: 'Foreach nodes at work: how many items have finished of how many, and how many run now' }),
      })
      .nullable()
      .openapi({ description: 'What the workflow itself reports now; null when the case has ended or Temporal is unreachable' }),
    workingMs: z
      .record(z.string(), z.number().int())
      .openapi({ description: "Working time each completed assignment took (ms) by assignment id, on the version's working calendar (the company's for a route/v0)" }),
    can: z
      .object({
        cancel: z.boolean().openapi({ description: 'POST /api/processes/{id}/cancel would be accepted: the starter or a supervisor, while it runs' }),
        reassign: z.boolean().openapi({ description: 'POST /api/assignments/{id}/reassign would be accepted for its open steps: a supervisor, while it runs' }),
        sendEvent: z.array(z.string()).openapi({ description: 'The declared events this viewer may send (POST /api/processes/{id}/events), while it runs' }),
      })
      .openapi({ description: "What the viewer may do with the case; the actions' endpoints decide again" }),
    temporalUrl: z.string().nullable().openapi({ description: 'The case in the Temporal Web UI: for admins, when TEMPORAL_UI_URL is configured' }),
  })
  .openapi('ProcessDetail');
