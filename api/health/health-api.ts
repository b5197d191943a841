// Probes for load balancers and orchestrators. /health: the process is alive (no dependency is
// asked, so it answers even while PostgreSQL or Temporal is down). /ready: both dependencies
// answer within a short deadline each; 503 names the ones that did not.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { json } from '../openapi.ts';
import { validationHook } from '../problem.ts';

const DEFAULT_READY_TIMEOUT_MS = 1_000;

const checkSchema = z.enum(['ok', 'unavailable']);
const readinessSchema = z.object({ database: checkSchema, temporal: checkSchema }).openapi('Readiness');
const notReadySchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.literal(503),
    detail: z.string(),
    database: checkSchema,
    temporal: checkSchema,
  })
  .openapi('NotReady');

/** Resolves to 'ok' when `check` finishes within `ms`, 'unavailable' when it fails or is late. */
async function probe(check: () => Promise<unknown>, ms: number): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'unavailable'>((resolve) => (timer = setTimeout(() => resolve('unavailable'), ms)));
  try {
    return await Promise.race([check().then(() => 'ok' as const, () => 'unavailable' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthApi = (version: string) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(
      createRoute({
        method: 'get', path: '/health', tags: ['Operations'], summary: 'Liveness: the API process runs (asks no dependency)', security: [],
        responses: { 200: { description: 'Alive', ...json(z.object({ ok: z.literal(true), version: z.string() })) } },
      }),
      (c) => c.json({ ok: true as const, version }, 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/ready', tags: ['Operations'], summary: 'Readiness: PostgreSQL and Temporal answer (each within about 1 s)', security: [],
        responses: {
          200: { description: 'Both dependencies answer', ...json(readinessSchema) },
          503: { description: 'At least one dependency does not answer; the body names which', headers: { 'Retry-After': { schema: { type: 'string' } } }, content: { 'application/problem+json': { schema: notReadySchema } } },
        },
      }),
      async (c) => {
        const { deps, em } = c.var;
        const ms = deps.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
        const [database, temporal] = await Promise.all([
          probe(() => em.getConnection().execute('select 1'), ms),
          probe(() => deps.temporal.withDeadline(Date.now() + ms, () => deps.temporal.workflowService.getSystemInfo({})), ms),
        ]);
        if (database === 'ok' && temporal === 'ok') return c.json({ database, temporal }, 200);
        const down = [database === 'ok' ? '' : 'PostgreSQL', temporal === 'ok' ? '' : 'Temporal'].filter(Boolean).join(' and ');
        const body = { type: 'https://route-crm.dev/problems/unavailable', title: 'Not ready', status: 503 as const, detail: `${down} cannot be reached`, database, temporal };
        return c.json(body, 503, { 'content-type': 'application/problem+json', 'retry-after': '5' });
      },
    );
