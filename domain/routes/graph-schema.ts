// Route language v1: a route is a graph of nodes joined by `next` edges, started at `start`.
// Nodes: task (a person's step), decision (ordered conditional branches and a default), parallel
// split and join, wait (a duration, a date from data, or an outside event with a timeout),
// action (set a variable, notify, update the record, call an operation), sub-process (another
// route as a child case), foreach (another route once per item of a list) and end.
// Edges may point back to earlier nodes (loops). Structural problems are checked by
// validate-graph.ts; this schema checks the shape of each node.
import { z } from 'zod';
import { workingCalendarSchema } from '../calendar/working-calendar.ts';
import { conditionSchema } from '../conditions/condition.ts';
import { formFieldSchema, idSchema, outcomeSchema, variableSchema } from './route-schema.ts';

/** `"P2D"` is calendar time; `{ "working": "P3D" }` is time on the route's working calendar. */
export const durationSpecSchema = z.union([z.string().min(2).max(40), z.object({ working: z.string().min(2).max(40) }).strict()]);
export type DurationSpec = z.infer<typeof durationSpecSchema>;

export const assigneeRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('person'), email: z.email() }).strict(),
  z
    .object({
      type: z.literal('role'),
      role: idSchema,
      /** queue: members claim it; round-robin and least-busy: assigned to one member at once. */
      pick: z.enum(['queue', 'round-robin', 'least-busy']).default('queue'),
    })
    .strict(),
  /** The employee whose e-mail is in a process variable (the deal owner). */
  z.object({ type: z.literal('variable'), variable: idSchema }).strict(),
  /** The manager of whoever completed an earlier task. */
  z.object({ type: z.literal('manager-of'), step: idSchema }).strict(),
  /** Whoever started the case. */
  z.object({ type: z.literal('starter') }).strict(),
]);
export type AssigneeRule = z.infer<typeof assigneeRuleSchema>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const escalationActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('remind') }).strict(),
  z.object({ type: z.literal('notify-manager') }).strict(),
  z.object({ type: z.literal('raise-priority'), to: z.enum(PRIORITIES).default('urgent') }).strict(),
  z.object({ type: z.literal('reassign'), to: assigneeRuleSchema }).strict(),
]);
export type EscalationAction = z.infer<typeof escalationActionSchema>;

const node = <K extends string, T extends z.ZodRawShape>(kind: K, shape: T) => z.object({ id: idSchema, kind: z.literal(kind), ...shape }).strict();
/** A label for the timeline and the designer's diagram; tasks must have one. */
const label = z.string().min(1).max(200).optional();

export const taskNodeSchema = node('task', {
  name: z.string().min(1).max(200),
  instructions: z.string().max(4000).optional(),
  assignee: assigneeRuleSchema,
  priority: z.enum(PRIORITIES).default('normal'),
  due: durationSpecSchema.optional(),
  /** Reminders to the assignee this long before the due time; `PT0M` reminds at due. */
  remindBefore: z.array(durationSpecSchema).max(10).default([]),
  /**
   * This long before the due time, while the step is still open, the holder's manager (for a
   * queue step: the heads of the role's people) is told the step is at risk, and the timeline
   * gets `step.at-risk`. Needs `due`; must be shorter than it.
   */
  warnBefore: durationSpecSchema.optional(),
  /** After the due time, in order of `after` (measured from the due time). */
  escalations: z.array(z.object({ after: durationSpecSchema, action: escalationActionSchema }).strict()).max(20).default([]),
  outcomes: z.array(outcomeSchema).min(1).max(20).optional(),
  form: z.array(formFieldSchema).max(50).optional(),
  next: idSchema.optional(),
});

export const decisionNodeSchema = node('decision', {
  name: label,
  branches: z.array(z.object({ label: z.string().max(200).optional(), when: conditionSchema, next: idSchema }).strict()).min(1).max(50),
  /** Taken when no branch holds; the validator insists on it. */
  otherwise: idSchema.optional(),
});

export const parallelNodeSchema = node('parallel', {
  name: label,
  branches: z.array(idSchema).min(2).max(20),
  /** The join where these branches meet. */
  join: idSchema,
});

export const joinNodeSchema = node('join', {
  name: label,
  /** all: every branch; first: the first to arrive; n: `count` of them. Unneeded branches are cancelled. */
  mode: z.enum(['all', 'first', 'n']).default('all'),
  count: z.number().int().min(1).max(20).optional(),
  next: idSchema.optional(),
});

export const waitNodeSchema = node('wait', {
  name: label,
  /** Wait this long. */
  for: durationSpecSchema.optional(),
  /** Wait until the date in a variable, moved by `offset` (e.g. 3 working days before it). */
  until: z.object({ variable: idSchema, offset: durationSpecSchema.optional(), direction: z.enum(['before', 'after']).default('before') }).strict().optional(),
  /** Wait for this declared outside event... */
  event: idSchema.optional(),
  /** ...for at most this long; then go to `onTimeout` (or `next`). */
  timeout: durationSpecSchema.optional(),
  onTimeout: idSchema.optional(),
  next: idSchema.optional(),
});

/** An operation's or a source's argument name, as its context spells it (`campaignId`). */
const argNameSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'an argument name such as "campaignId"');

const valueRefSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null(), z.object({ from: z.string().max(200) }).strict()]);
export type ValueRef = z.infer<typeof valueRefSchema>;

export const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set'), variable: idSchema, value: valueRefSchema }).strict(),
  z.object({ type: z.literal('notify'), to: assigneeRuleSchema, message: z.string().min(1).max(2000) }).strict(),
  /**
   * A follow-up task that does not hold up the path (e.g. "call the client back in 3 days",
   * created on the branch of the last call's outcome). The case ends only once it is done.
   */
  z
    .object({
      type: z.literal('create-task'),
      name: z.string().min(1).max(200),
      instructions: z.string().max(4000).optional(),
      assignee: assigneeRuleSchema,
      due: durationSpecSchema.optional(),
      outcomes: z.array(outcomeSchema).min(1).max(20).optional(),
      form: z.array(formFieldSchema).max(50).optional(),
    })
    .strict(),
  /**
   * Changes the record the case is about (its `subject`, declared at the route's top level): each
   * field of `set` gets a literal or a copy `{ from: … }`. Which fields a subject type allows is
   * domain/records/subject-fields.ts; the record's own context applies them.
   */
  /**
   * Reaches a business context through an operation of ROUTE_OPERATIONS (domain/processes/
   * route-operations.ts): send a campaign's e-mail to the case's client, store a survey's
   * answers. Each arg is a literal or a `{ from: … }` copy, resolved when the action runs.
   */
  z
    .object({
      type: z.literal('call'),
      operation: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, 'an operation name such as "mail.send"').max(100),
      args: z.record(argNameSchema, valueRefSchema).default({}),
    })
    .strict(),
  z
    .object({
      type: z.literal('update-record'),
      set: z.record(idSchema, valueRefSchema).refine((o) => Object.keys(o).length > 0, { message: 'set at least one field' }),
    })
    .strict(),
]);
export type RouteAction = z.infer<typeof actionSchema>;

export const actionNodeSchema = node('action', {
  name: label, do: actionSchema, next: idSchema.optional() });

export const subprocessNodeSchema = node('subprocess', {
  name: label,
  route: idSchema,
  /** Child variable <- a literal or `{ from: "variables.x" }` of this case. */
  inputs: z.record(idSchema, valueRefSchema).default({}),
  /** This case's variable <- the child's variable of that name, when the child ends. */
  outputs: z.record(idSchema, idSchema).default({}),
  next: idSchema.optional(),
});

/**
 * Children a parallel `foreach` runs at once by default, and at most. The most is 1,000 because a
 * campaign's per-client cases all wait for a response at once (days): with fewer slots than
 * recipients, the clients past the limit got no mail until earlier ones timed out. Temporal refuses
 * more than 2,000 pending children of one workflow.
 */
export const FOREACH_DEFAULT_LIMIT = 50;
export const FOREACH_MAX_LIMIT = 1_000;

export const foreachItemsSchema = z.union([
  /** A list variable of this case. */
  z.object({ from: z.string().regex(/^variables\.[a-z][a-z0-9_-]{0,63}$/, 'a list variable such as "variables.clients"') }).strict(),
  /** A list source of LIST_SOURCES (domain/processes/list-sources.ts), with its args. */
  z.object({ source: z.string().min(1).max(100), args: z.record(argNameSchema, valueRefSchema).default({}) }).strict(),
]);
export type ForeachItems = z.infer<typeof foreachItemsSchema>;

/**
 * Runs the published route `route` once per item as a child case - at most `limit` at once, or
 * one after another in list order - and goes on to `next` when every child has ended, or as
 * soon as `completeWhen` holds over the counters `items.*` (the running children are then
 * cancelled and the items not started never start).
 */
export const foreachNodeSchema = node('foreach', {
  name: label,
  items: foreachItemsSchema,
  /** The child's variable that holds the item's value, for items of a list variable. */
  as: idSchema.default('item'),
  route: idSchema,
  /** Child variable <- a literal or `{ from: "variables.x" }` of this case (no list variables). */
  inputs: z.record(idSchema, valueRefSchema).default({}),
  mode: z.enum(['parallel', 'sequential']).default('parallel'),
  limit: z.number().int().min(1).max(FOREACH_MAX_LIMIT).default(FOREACH_DEFAULT_LIMIT),
  completeWhen: conditionSchema.optional(),
  next: idSchema.optional(),
});

export const endNodeSchema = node('end', {
  name: label,
  result: z.enum(['success', 'failure']).default('success'),
  reason: z.string().max(1000).optional(),
});

export const graphNodeSchema = z.discriminatedUnion('kind', [
  taskNodeSchema,
  decisionNodeSchema,
  parallelNodeSchema,
  joinNodeSchema,
  waitNodeSchema,
  actionNodeSchema,
  subprocessNodeSchema,
  foreachNodeSchema,
  endNodeSchema,
]);
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type TaskNode = z.infer<typeof taskNodeSchema>;
export type NodeOf<K extends GraphNode['kind']> = Extract<GraphNode, { kind: K }>;

/**
 * Who may deliver an outside event to a case: the case's participants (its starter, the holders
 * of its steps and the members of its steps' role queues), members of the listed roles, and -
 * when `integrations` is on - integration keys whose scopes name the event. Absent: participants.
 */
export const eventSendersSchema = z
  .object({
    participants: z.boolean().default(true),
    roles: z.array(idSchema).max(20).default([]),
    integrations: z.boolean().default(false),
  })
  .strict();
export type EventSenders = z.infer<typeof eventSendersSchema>;
export const DEFAULT_EVENT_SENDERS: EventSenders = { participants: true, roles: [], integrations: false };

export const eventDeclSchema = z
  .object({ label: z.string().max(200).optional(), payload: z.record(idSchema, variableSchema).default({}), senders: eventSendersSchema.optional() })
  .strict();

export const routeGraphSchema = z
  .object({
    language: z.literal('route/v1'),
    name: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    /** The kind of record a case of this route is about ("deal"): what `update-record` changes. */
    subject: idSchema.optional(),
    variables: z.record(idSchema, variableSchema).default({}),
    /** Outside events the case can receive (payment received, customer replied), with their payload. */
    events: z.record(idSchema, eventDeclSchema).default({}),
    /** The working calendar; filled in at publish time (Russian production calendar) when absent. */
    calendar: workingCalendarSchema.optional(),
    start: idSchema,
    nodes: z.array(graphNodeSchema).min(1).max(500),
    /**
     * Where the designer placed each node on the canvas. Not part of the route's meaning: the
     * interpreter never reads it and the version diff ignores it.
     */
    layout: z.record(z.string().max(64), z.object({ x: z.number(), y: z.number() }).strict()).optional(),
  })
  .strict();
export type RouteLayout = NonNullable<z.infer<typeof routeGraphSchema>['layout']>;
export type RouteGraph = z.infer<typeof routeGraphSchema>;

/** Edges out of a node, with the field they come from (for validation messages). */
export function edgesOf(n: GraphNode): { field: string; to: string }[] {
  const one = (field: string, to: string | undefined) => (to === undefined ? [] : [{ field, to }]);
  switch (n.kind) {
    case 'decision':
      return [...n.branches.map((b, i) => ({ field: `branches[${i}].next`, to: b.next })), ...one('otherwise', n.otherwise)];
    case 'parallel':
      return n.branches.map((to, i) => ({ field: `branches[${i}]`, to }));
    case 'wait':
      return [...one('next', n.next), ...one('onTimeout', n.onTimeout)];
    case 'end':
      return [];
    default:
      return one('next', n.next);
  }
}
