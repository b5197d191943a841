// Sales plans (GET/PUT /api/sales-plans: heads for their people, management for everyone) and the
// sales reports' settings (GET/PUT /api/settings/reports: activity norms and the commission rule,
// management and admins). Changes are audited (api/audit/audit-trail.ts).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { companyToday } from '../../../domain/invoices/company-today.ts';
import { listPlans, savePlans } from '../../../domain/reports/sales/sales-plans.ts';
import { loadReportSettings, saveReportSettings } from '../../../domain/reports/sales/report-settings.ts';
import { NORM_KINDS } from '../../../domain/reports/sales/settings-rules.ts';
import type { AppEnv } from '../../context.ts';
import { requireRole } from '../../auth/authenticate.ts';
import { json, jsonBody } from '../../openapi.ts';
import { problems, validationHook } from '../../problem.ts';
import { personSchema } from './schemas.ts';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const planRowSchema = z.object({ employee: personSchema, month: z.string(), amount: z.number().int().nullable().openapi({ description: 'Kopecks; null: no plan entered' }) }).openapi('SalesPlan');
const plansInputSchema = z
  .object({
    plans: z.array(z.object({ employeeId: z.uuid(), month: monthSchema, amount: z.number().int().min(0).max(1e15).openapi({ description: 'Kopecks' }) }).strict()).min(1).max(500),
  })
  .strict()
  .openapi('SalesPlansInput');

const normsSchema = z.object(Object.fromEntries(NORM_KINDS.map((k) => [k, z.number().min(0).max(1000).optional()])) as Record<(typeof NORM_KINDS)[number], z.ZodOptional<z.ZodNumber>>).strict()
  .openapi({ description: 'Per person per working day: done interactions of each kind, and proposals prepared; a kind left out has no norm' });
const commissionSchema = z
  .object({
    tiers: z.array(z.object({ fromShare: z.number().min(0).max(100), percent: z.number().min(0).max(100) }).strict()).min(1).max(10)
      .openapi({ description: 'Marginal tiers by plan fulfilment: the revenue from fromShare x plan up to the next tier is paid at percent. The first starts at 0; without a plan the first tier applies to all' }),
  })
  .strict()
  .superRefine((c, ctx) => {
    const starts = c.tiers.map((t) => t.fromShare);
    if (!starts.includes(0)) ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'fromShare'], message: 'one tier must start at 0' });
    starts.forEach((s, i) => {
      if (starts.indexOf(s) !== i) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'fromShare'], message: 'two tiers start at the same share' });
    });
  });
const settingsInputSchema = z.object({ norms: normsSchema, commission: commissionSchema }).strict().openapi('ReportSettingsInput');
const settingsSchema = z
  .object({
    norms: normsSchema,
    commission: z.object({ tiers: z.array(z.object({ fromShare: z.number(), percent: z.number() })) }),
    updatedAt: z.iso.datetime().nullable().openapi({ description: 'null until first saved (defaults)' }),
    updatedBy: z.uuid().nullable(),
  })
  .openapi('ReportSettings');

export const salesPlansApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Reports'], summary: 'Sales plans of a month for the people you look after (sellers without one: amount null)',
      request: { query: z.object({ month: monthSchema.optional().openapi({ description: 'Default: this month' }) }) },
      responses: { 200: { description: 'Plans', ...json(z.object({ month: z.string(), items: z.array(planRowSchema) })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const month = c.req.valid('query').month ?? (await companyToday(c.var.em)).slice(0, 7);
      return c.json({ month, items: await listPlans(c.var.em, c.var.actor, month) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put', path: '/', tags: ['Reports'], summary: 'Set sales plans (employee, month, kopecks) for your people: all saved or none (403 naming the row of someone not yours)',
      request: { ...jsonBody(plansInputSchema) },
      responses: { 200: { description: 'Saved', ...json(z.object({ saved: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { plans } = c.req.valid('json');
      await savePlans(c.var.em, c.var.actor, plans);
      return c.json({ saved: plans.length }, 200);
    },
  );

export const reportSettingsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/reports', tags: ['Settings'], summary: 'Activity norms and the commission rule of the sales reports',
      middleware: [requireRole('management', 'admin')] as const,
      responses: { 200: { description: 'Settings (defaults until saved)', ...json(settingsSchema) }, ...problems(401, 403) },
    }),
    async (c) => c.json(await loadReportSettings(c.var.em), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/reports', tags: ['Settings'], summary: 'Change the activity norms and the commission rule (management, admins)',
      middleware: [requireRole('management', 'admin')] as const,
      request: { ...jsonBody(settingsInputSchema) },
      responses: { 200: { description: 'Saved', ...json(settingsSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await saveReportSettings(c.var.em, c.var.actor, c.req.valid('json')), 200),
  );
