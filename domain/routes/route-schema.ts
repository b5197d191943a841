// Route language v0: the JSON document a process designer writes. A route is an ordered list of
// task steps, each assigned to a named person or to a role queue, with a due duration, optional
// outcomes to choose from and an optional form. Later versions add more node kinds; the `kind`
// field is there so they can.
import { z } from 'zod';

export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must start with a lowercase letter and use only a-z, 0-9, "_" and "-" (at most 64)');

export const assigneeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('person'), email: z.email() }).strict(),
  z.object({ type: z.literal('role'), role: idSchema }).strict(),
]);
export type Assignee = z.infer<typeof assigneeSchema>;

export const formFieldSchema = z
  .object({
    id: idSchema,
    label: z.string().min(1).max(200),
    type: z.enum(['text', 'number', 'boolean', 'date', 'choice']),
    required: z.boolean().default(false),
    /** Required only when the step is completed with one of these outcomes (a refusal's reason). */
    requiredFor: z.array(idSchema).min(1).max(20).optional(),
    options: z.array(z.string().min(1).max(200)).min(1).optional(),
  })
  .strict()
  .refine((f) => (f.type === 'choice') === (f.options !== undefined), {
    message: 'a choice field lists its options, and only a choice field has options',
    path: ['options'],
  });
export type FormField = z.infer<typeof formFieldSchema>;

export const outcomeSchema = z.object({ id: idSchema, label: z.string().min(1).max(200) }).strict();

export const taskStepSchema = z
  .object({
    id: idSchema,
    kind: z.literal('task'),
    name: z.string().min(1).max(200),
    instructions: z.string().max(4000).optional(),
    assignee: assigneeSchema,
    /** ISO 8601 duration from the moment the step opens, e.g. P2D. */
    due: z.string().min(2).max(40),
    outcomes: z.array(outcomeSchema).min(1).max(20).optional(),
    form: z.array(formFieldSchema).max(50).optional(),
  })
  .strict();
export type TaskStep = z.infer<typeof taskStepSchema>;

/** How many values a list variable may hold: a case's variables travel in every workflow task, so big lists come from a list source instead. */
export const MAX_LIST_ITEMS = 10_000;

export const variableSchema = z
  .object({
    /** `list`: a JSON array of scalars (see `of`), walked by a `foreach` node; never copied to assignment rules or child cases. */
    type: z.enum(['text', 'number', 'boolean', 'date', 'list']),
    /** What a list holds: texts, numbers, or record ids (uuids). Only for `list`. */
    of: z.enum(['text', 'number', 'id']).optional(),
    label: z.string().max(200).optional(),
    required: z.boolean().default(false),
  })
  .strict()
  .refine((v) => (v.type === 'list') === (v.of !== undefined), { message: 'a list variable says what it holds (`of`: text, number or id), and only a list has `of`', path: ['of'] });

export const routeDefinitionSchema = z
  .object({
    language: z.literal('route/v0').default('route/v0'),
    name: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    /** Process variables a case of this route is started with. */
    variables: z.record(idSchema, variableSchema).default({}),
    steps: z.array(taskStepSchema).min(1, 'a route needs at least one step').max(200),
  })
  .strict();
export type RouteDefinition = z.infer<typeof routeDefinitionSchema>;
