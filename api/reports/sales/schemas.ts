// Query parameters and response shapes of the sales reports. Every figure is a number: kopecks,
// counts, shares 0..1, days; people are { id, fullName }, stages { id, code, name, nameEn }.
import { z } from '@hono/zod-openapi';

const isoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const filterQuery = {
  departmentId: z.uuid().optional().openapi({ description: 'Only the people of this department (one of yours)' }),
  employeeId: z.uuid().optional().openapi({ description: 'Only this person (one of yours)' }),
};
export const periodQuery = z.object({
  from: isoDate.optional().openapi({ description: 'First day, inclusive (company time zone); default: the first day of this month' }),
  to: isoDate.optional().openapi({ description: 'Last day, inclusive; default: today' }),
  ...filterQuery,
});
export const dailyQuery = z.object({ date: isoDate.optional().openapi({ description: 'The day; default: today in the company time zone' }), ...filterQuery });
export const monthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM').optional().openapi({ description: 'Default: this month' }),
  ...filterQuery,
});

export const personSchema = z.object({ id: z.uuid(), fullName: z.string() });
export const stageSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });
const money = z.number().int();
const count = z.number().int();
const share = z.number().min(0).max(1);

export const dailyReportSchema = z
  .object({
    date: z.string(),
    revenue: z.object({
      day: money.openapi({ description: 'Payments received that day, kopecks' }),
      monthToDate: money,
      byDay: z.array(z.object({ date: z.string(), amount: money })).openapi({ description: 'Each day of the month up to the date' }),
    }),
    expected: z.object({
      weighted: money.openapi({ description: 'Open deals, amount x probability, kopecks' }),
      total: money,
      byMonth: z.array(z.object({ month: z.string().openapi({ description: "'YYYY-MM' of the planned close date; 'overdue' when it has passed, 'unplanned' when there is none" }), deals: count, total: money, weighted: money })),
    }),
    openByStage: z.array(z.object({ stage: stageSchema, deals: count, amount: money, weighted: money })),
  })
  .openapi('DailySalesReport');

export { count, money, share };

const kindSchema = z.enum(['call', 'meeting', 'demonstration', 'email', 'letter']);
export const activityReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(z.object({ employee: personSchema, kind: kindSchema, done: count, overdue: count.openapi({ description: 'Planned, its time passed, not done' }), planned: count.openapi({ description: 'Planned, still ahead' }) })),
    totals: z.array(z.object({ employee: personSchema, done: count, overdue: count, planned: count })),
  })
  .openapi('ActivityReport');

export const monthlyReportSchema = z
  .object({
    month: z.string(),
    rows: z.array(z.object({
      employee: personSchema,
      newInterests: count.openapi({ description: 'Clients created in the month with an interest, owned by the employee' }),
      proposals: count.openapi({ description: "Deals first moved past the 'proposal preparation' stage in the month" }),
      proposalsAmount: money,
      plan: money.nullable().openapi({ description: 'Kopecks; null: no plan entered' }),
      fact: money.openapi({ description: 'Payments received in the month, kopecks' }),
      fulfilment: z.number().min(0).nullable().openapi({ description: 'fact / plan (over 1 when the plan is beaten); null without a plan' }),
    })),
    salesFunnel: z.array(z.object({ stage: stageSchema, entered: count, wentOn: count, conversion: share })),
    activityFunnel: z.array(z.object({ step: z.enum(['contacts', 'meetings', 'proposals', 'contracts', 'won']), count, conversion: share })),
  })
  .openapi('MonthlySalesReport');

export const managersReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    workingDays: count.openapi({ description: 'Working days of the period on the company calendar' }),
    rows: z.array(z.object({
      employee: personSchema,
      won: count,
      lost: count,
      winRate: share.nullable().openapi({ description: 'won / (won + lost); null when none closed' }),
      avgDurationDays: z.number().nullable().openapi({ description: 'Calendar days from creation to closing, deals closed in the period' }),
      stuck: count.openapi({ description: "Open deals in their stage longer than twice the stage's median time (last 365 days)" }),
      revenue: money.openapi({ description: 'Payments received in the period' }),
      plan: money.nullable().openapi({ description: 'Plans of the months the period touches' }),
      commission: money,
    })),
    refusals: z.array(z.object({ reason: z.string(), count, share, byStage: z.array(z.object({ stage: stageSchema, count })) })),
    norms: z.array(z.object({ kind: z.enum(['call', 'meeting', 'demonstration', 'email', 'letter', 'proposal']), perDay: z.number(), fact: z.number().openapi({ description: 'Done per working day per seller' }), share })),
  })
  .openapi('ManagersReport');
