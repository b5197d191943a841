// Shapes of the client reports. Common query parameters: `from`, `to` (company days, inclusive;
// `from` not after `to`, at most 3 years), `departmentId`, `employeeId`. Money is kopecks, shares
// are 0..1, people are { id, fullName }, clients { id, name }; every table is an array of flat rows.
import { z } from '@hono/zod-openapi';
import { CLIENT_STAGES } from '../../../domain/clients/entities.ts';
import { COMPLETENESS_FIELDS } from '../../../domain/reports/clients/completeness.ts';
import { MARKETING_DIMENSIONS } from '../../../domain/reports/clients/marketing-report.ts';
import { addMonths } from '../../../domain/reports/clients/relationship.ts';

// Years PostgreSQL's dates and the period arithmetic handle without surprises.
const day = (what: string) => z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'must be between 1900-01-01 and 2999-12-31').openapi({ description: `${what}: a company day, YYYY-MM-DD, inclusive`, example: '2026-11-24' });
const filterShape = {
  departmentId: z.uuid().optional().openapi({ description: 'Only the people of this department (one of yours)' }),
  employeeId: z.uuid().optional().openapi({ description: 'Only this person\'s figures (one of your people)' }),
};

type PeriodLike = { from?: string | undefined; to?: string | undefined };
/** `from` not after `to`, and at most 3 years from `from` to `to`. */
function checkPeriod(q: PeriodLike, ctx: z.RefinementCtx) {
  // zod runs this after a field's own check failed too: compare only two well-formed days.
  const wellFormed = (d: string | undefined): d is string => d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
  if (!wellFormed(q.from) || !wellFormed(q.to)) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
  else if (q.to >= addMonths(q.from, 36)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period may be at most 3 years long' });
}
const share = (what: string, dflt: number) => z.coerce.number().min(0).max(1).default(dflt).openapi({ description: `${what} (0..1, default ${dflt})` });
function ordered<T extends Record<string, unknown>>(lower: keyof T & string, upper: keyof T & string) {
  return (q: T, ctx: z.RefinementCtx) => {
    if (Number(q[lower]) > Number(q[upper])) ctx.addIssue({ code: 'custom', path: [upper], message: `must not be below ${lower}` });
  };
}

export const periodQuery = z.object({ from: day('First day'), to: day('Last day'), ...filterShape }).superRefine(checkPeriod);

export const abcQuery = z
  .object({
    from: day('First day'), to: day('Last day'), ...filterShape,
    measure: z.enum(['revenue'], { error: 'only revenue: gross profit needs a cost price, which deal lines do not record' }).default('revenue')
      .openapi({ description: 'Revenue: payments received in the period. Gross profit is not offered: deal lines record no cost price' }),
    a: share('Cumulative share up to which clients are A', 0.8),
    b: share('Cumulative share up to which clients are B', 0.95),
  })
  .superRefine(checkPeriod).superRefine(ordered('a', 'b'));

export const xyzQuery = z
  .object({
    from: day('First day'), to: day('Last day'), ...filterShape,
    x: z.coerce.number().min(0).max(100).default(0.1).openapi({ description: 'Highest coefficient of variation of class X (default 0.10)' }),
    y: z.coerce.number().min(0).max(100).default(0.25).openapi({ description: 'Highest coefficient of variation of class Y (default 0.25)' }),
    a: share('ABC: cumulative share of A, for the matrix', 0.8),
    b: share('ABC: cumulative share of B, for the matrix', 0.95),
  })
  .superRefine(checkPeriod).superRefine(ordered('x', 'y')).superRefine(ordered('a', 'b'));

export const completenessQuery = z
  .object({ from: day('First day of creation (optional, with to)').optional(), to: day('Last day of creation (optional, with from)').optional(), ...filterShape })
  .superRefine((q, ctx) => {
    if ((q.from === undefined) !== (q.to === undefined)) ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'from and to go together' });
    checkPeriod(q, ctx);
  });

const threshold = z.coerce.number().int().min(1).max(1e15).openapi({ description: 'Least total of won deals in the period, kopecks', example: 100_000_000 });
export const vipQuery = z.object({ from: day('First day'), to: day('Last day'), ...filterShape, threshold }).superRefine(checkPeriod);
export const vipBody = z
  .object({ from: day('First day'), to: day('Last day'), threshold: z.number().int().min(1).max(1e15).openapi({ description: 'Kopecks' }) })
  .strict().superRefine(checkPeriod).openapi('VipTagging');

export const marketingQuery = z
  .object({ from: day('First day'), to: day('Last day'), ...filterShape, by: z.enum(MARKETING_DIMENSIONS).default('channel').openapi({ description: 'Group by source channel, segment (classification tag) or region' }) })
  .superRefine(checkPeriod);

const clientRef = z.object({ id: z.uuid(), name: z.string() });
const person = z.object({ id: z.uuid(), fullName: z.string() });
const kopecks = z.number().int().openapi({ description: 'Kopecks' });
const share01 = z.number().min(0).max(1);
const abcClass = z.enum(['A', 'B', 'C']);
const xyzClass = z.enum(['X', 'Y', 'Z']);

export const abcSchema = z.object({
  measure: z.literal('revenue'),
  total: kopecks,
  classes: z.array(z.object({ class: abcClass, clients: z.number().int(), value: kopecks, share: share01 })),
  items: z.array(z.object({ client: clientRef, value: kopecks, share: share01, cumulativeShare: share01, class: abcClass })),
}).openapi('AbcReport');

export const xyzSchema = z.object({
  months: z.array(z.string()).openapi({ description: 'YYYY-MM, the columns of `monthly`' }),
  classes: z.array(z.object({ class: xyzClass, clients: z.number().int(), value: kopecks })),
  items: z.array(z.object({
    client: clientRef, total: kopecks, mean: z.number().openapi({ description: 'Mean monthly purchases, kopecks' }),
    cv: z.number().min(0).openapi({ description: 'Coefficient of variation of monthly purchases' }), class: xyzClass, abcClass,
    monthly: z.array(z.number().int()).openapi({ description: 'Kopecks per month, in the order of `months`' }),
  })),
  matrix: z.array(z.object({ abc: abcClass, xyz: xyzClass, clients: z.number().int() })),
}).openapi('XyzReport');

const stage = z.enum(CLIENT_STAGES);
export const stagesSchema = z.object({
  asOf: z.string().openapi({ description: 'The day the computed stages are as of (the period\'s last day)' }),
  stages: z.array(z.object({ stage, recorded: z.number().int(), computed: z.number().int() })),
  mismatches: z.number().int().openapi({ description: 'Clients whose recorded stage differs from the computed one (the first 500 are listed)' }),
  differing: z.array(z.object({
    client: clientRef, owner: person, recorded: stage, computed: stage, purchasesLast12Months: z.number().int(), lastPurchaseOn: z.string().nullable(),
  })),
  retention: z.object({
    previousFrom: z.string(), previousTo: z.string(), previousBuyers: z.number().int(), retained: z.number().int(),
    ratio: share01.nullable().openapi({ description: 'retained / previousBuyers; null when nobody bought in the previous period' }),
  }),
}).openapi('ClientStagesReport');

export const vipSchema = z.object({
  threshold: kopecks,
  items: z.array(z.object({ client: clientRef, owner: person, wonDeals: z.number().int(), value: kopecks, tagged: z.boolean() })),
}).openapi('VipCandidates');

export const vipTaggedSchema = z.object({
  tag: z.object({ id: z.uuid(), name: z.string(), created: z.boolean() }),
  tagged: z.array(z.object({ client: clientRef, value: kopecks })),
  alreadyTagged: z.number().int(),
}).openapi('VipTagged');

const fieldShare = Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, share01.nullable()])) as Record<(typeof COMPLETENESS_FIELDS)[number], z.ZodNullable<typeof share01>>;
const completenessField = z.enum(COMPLETENESS_FIELDS);
export const completenessSchema = z.object({
  clients: z.number().int(),
  completeness: share01.nullable().openapi({ description: 'Average share of the applicable fields filled' }),
  fields: z.array(z.object({ field: completenessField, clients: z.number().int(), filled: z.number().int(), share: share01.nullable() })),
  owners: z.array(z.object({ owner: person, clients: z.number().int(), completeness: share01, ...fieldShare })),
  leastComplete: z.array(z.object({ client: clientRef, owner: person, completeness: share01, missing: z.array(completenessField) })),
}).openapi('CompletenessReport');

export const marketingSchema = z.object({
  by: z.enum(MARKETING_DIMENSIONS),
  items: z.array(z.object({
    key: z.string().nullable().openapi({ description: 'The channel code, tag id or region; null for clients without one' }),
    label: z.string().nullable().openapi({ description: 'The region, the tag as "Branch / Tag", or the channel code (the UI translates it)' }),
    newClients: z.number().int(), dealsOpened: z.number().int(), dealsWon: z.number().int(), wonAmount: kopecks, revenue: kopecks,
    conversion: z.number().min(0).nullable().openapi({ description: 'Won / opened in the period; above 1 when deals opened earlier were won in it' }), averageDeal: kopecks.nullable(),
  })),
}).openapi('MarketingReport');
