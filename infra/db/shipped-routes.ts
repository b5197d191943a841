// The routes the product ships with (domain/routes/shipped/*.route.json): the reference company's
// processes, written in the route language. Each is created and published as version 1 the first
// time the product starts with a company in its database, and from then on belongs to the
// designers: a route whose key exists is never touched again, however it was edited. Publishing
// goes through the same check as a designer's publish, so a shipped route that does not validate
// against the company (a job role it needs is missing, a sub-process route absent) stops the start
// with the problems listed, instead of appearing half-working.
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Role, Route } from '../../domain/entities/index.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { createRoute } from '../../domain/routes/create-route.ts';
import { publishRoute } from '../../domain/routes/publish-route.ts';
import { DomainError } from '../../domain/errors.ts';
import { ensureShippedSurveys } from './shipped-surveys.ts';
import { ensureCampaignTemplates } from '../../domain/marketing/shipped-templates.ts';

/** In publishing order: a route's sub-process routes (and foreach bodies) come before it. */
export const SHIPPED_ROUTE_KEYS = ['installation-handoff', 'deal', 'birthday-call', 'payment-reminder', 'complaint', 'campaign-recipient', 'campaign'] as const;
export type ShippedRouteKey = (typeof SHIPPED_ROUTE_KEYS)[number];

/** The job roles the shipped routes assign work to, created when a company lacks them. */
const JOB_ROLES: { code: string; name: string; description: string }[] = [
  { code: 'sales', name: 'Менеджер по продажам', description: 'Sales managers' },
  { code: 'sales-head', name: 'Руководитель отдела продаж', description: 'Takes over deals whose owner is late' },
  { code: 'sales-assistant', name: 'Помощник отдела продаж', description: 'Paperwork for deals' },
  { code: 'service', name: 'Сервисный инженер', description: 'Installation and service visits' },
  { code: 'service-head', name: 'Руководитель сервиса', description: 'Accepts installation hand-offs and schedules installations' },
  { code: 'quality', name: 'Менеджер по качеству', description: 'Complaint handling' },
  { code: 'legal', name: 'Юрист', description: 'Contracts and claims' },
  { code: 'management', name: 'Руководитель', description: 'Heads of the company' },
  { code: 'marketing', name: 'Маркетолог', description: 'Campaigns and surveys' },
];

/** The Deal is also the route language's worked example, so it lives with the examples. */
const FILES: Partial<Record<ShippedRouteKey, string>> = { deal: '../../domain/routes/examples/deal.route.json' };

export function shippedRoute(key: ShippedRouteKey): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(FILES[key] ?? `../../domain/routes/shipped/${key}.route.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/**
 * Creates and publishes the shipped routes the company does not have yet, as the first active
 * administrator; answers the keys it added. Does nothing without an administrator (no company yet).
 */
export async function ensureShippedRoutes(em: EntityManager): Promise<string[]> {
  // Processes starting at the same moment (API and worker) take turns; the second finds the routes.
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', ['shipped-routes']);
    return addMissing(tx);
  });
}

async function addMissing(em: EntityManager): Promise<string[]> {
  const admin = await em.findOne(Employee, { active: true, roles: { code: 'admin' } }, { orderBy: { email: 'asc' } });
  if (!admin) return [];
  const actor: Actor = { employeeId: admin.id, email: admin.email, roles: ['employee', 'admin', 'designer'] };
  const existing = new Set((await em.find(Route, { key: { $in: [...SHIPPED_ROUTE_KEYS] } }, { fields: ['key'] })).map((r) => r.key));
  const added: string[] = [];
  for (const role of JOB_ROLES) {
    if (!(await em.findOne(Role, role.code))) em.create(Role, { ...role, kind: 'job' });
  }
  await em.flush();
  await ensureCampaignTemplates(em);
  for (const key of SHIPPED_ROUTE_KEYS) {
    if (existing.has(key)) continue;
    const route = await createRoute(em, actor, { key, draft: shippedRoute(key) });
    try {
      await publishRoute(em, actor, { routeId: route.id, revision: 1 });
    } catch (err) {
      if (err instanceof DomainError) throw new Error(`The shipped route "${key}" does not validate: ${err.message}: ${JSON.stringify(err.problems ?? [])}`, { cause: err });
      throw err;
    }
    added.push(key);
  }
  added.push(...(await ensureShippedSurveys(em)));
  return added;
}
