// The Hono application: mounts one sub-app per resource under /api, serves the OpenAPI 3.1
// document and its reference page, and turns every error into problem+json in one place.
import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { DomainError } from '../domain/errors.ts';
import { assignmentsApi } from './assignments/assignments-api.ts';
import { auditApi } from './audit/audit-api.ts';
import { auditTrail } from './audit/audit-trail.ts';
import { authApi } from './auth/auth-api.ts';
import { authenticate } from './auth/authenticate.ts';
import { clientsApi } from './clients/clients-api.ts';
import { complaintsApi } from './complaints/complaints-api.ts';
import { kbApi } from './complaints/kb-api.ts';
import { mailingApi } from './mailing/mailing-api.ts';
import { mailTrackingApi } from './mailing/tracking-api.ts';
import { interactionsApi } from './clients/interactions-api.ts';
import { clientTagsApi } from './clients/tags-api.ts';
import { dealsApi } from './deals/deals-api.ts';
import { dealStagesApi } from './deals/stages-api.ts';
import { equipmentApi } from './service/equipment-api.ts';
import { installationsApi } from './service/installations-api.ts';
import { visitsApi } from './service/visits-api.ts';
import { originCheck } from './auth/origin-check.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { directoryApi } from './directory/directory-api.ts';
import { healthApi } from './health/health-api.ts';
import { idempotency, withIdempotencyKey } from './idempotency.ts';
import { inputGuard, withInputGuardProblems } from './input-guard.ts';
import { invoicesApi } from './invoices/invoices-api.ts';
import { campaignsApi, campaignTemplatesApi } from './marketing/campaigns-api.ts';
import { marketingReportsApi } from './marketing/marketing-reports-api.ts';
import { segmentsApi } from './marketing/segments-api.ts';
import { clientReceivablesApi, receivablesApi } from './invoices/receivables-api.ts';
import { integrationKeysApi } from './integration-keys/integration-keys-api.ts';
import { notificationsApi } from './notifications/notifications-api.ts';
import { outboxApi } from './notifications/outbox-api.ts';
import { portalApi } from './portal/portal-api.ts';
import { publicSurveyApi } from './surveys/public-survey-api.ts';
import { surveysApi } from './surveys/surveys-api.ts';
import { problemResponse, toProblem, validationHook } from './problem.ts';
import { processesApi } from './processes/processes-api.ts';
import { clientReportsApi } from './reports/clients/clients-reports-api.ts';
import { routesApi } from './routes/routes-api.ts';
import { salesReportsApi } from './reports/sales/sales-reports-api.ts';
import { reportSettingsApi, salesPlansApi } from './reports/sales/plans-settings-api.ts';
import { settingsApi } from './settings/settings-api.ts';
import { teamApi } from './team/team-api.ts';
import { timingReportsApi } from './reports/timing/timing-api.ts';
import { exportsApi } from './transfer/exports-api.ts';
import { importsApi } from './transfer/imports-api.ts';
import { MAX_FILE_BYTES } from '../domain/transfer/read-table.ts';

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps) {
  const protectedBase = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // The middleware is registered outside the route chain: a chained `.use()` makes the routes'
  // types vanish from AppType, and the web UI's typed client (hc<AppType>) needs them.
  // Before authentication: a forged cross-site change is refused before its cookie is looked at.
  protectedBase.use(originCheck);
  protectedBase.use(authenticate);
  // After authentication: keys are scoped per actor.
  protectedBase.use(idempotency);
  const protectedApi = protectedBase
    .route('/routes', routesApi)
    .route('/processes', processesApi)
    .route('/assignments', assignmentsApi)
    .route('/settings', settingsApi)
    .route('/notifications', notificationsApi)
    .route('/outbox', outboxApi)
    .route('/integration-keys', integrationKeysApi)
    .route('/audit', auditApi)
    .route('/team', teamApi)
    .route('/clients', clientsApi)
    .route('/client-tags', clientTagsApi)
    .route('/interactions', interactionsApi)
    .route('/deals', dealsApi)
    .route('/deal-stages', dealStagesApi)
    .route('/invoices', invoicesApi)
    .route('/receivables', receivablesApi)
    .route('/clients', clientReceivablesApi)
    .route('/imports', importsApi)
    .route('/exports', exportsApi)
    .route('/installations', installationsApi)
    .route('/', equipmentApi)
    .route('/', visitsApi)
    .route('/complaints', complaintsApi)
    .route('/kb', kbApi)
    .route('/mail', mailingApi)
    .route('/surveys', surveysApi)
    .route('/reports', clientReportsApi)
    .route('/reports', timingReportsApi)
    .route('/reports', salesReportsApi)
    .route('/sales-plans', salesPlansApi)
    .route('/settings', reportSettingsApi)
    .route('/', directoryApi)
    .route('/segments', segmentsApi)
    .route('/campaign-templates', campaignTemplatesApi)
    .route('/campaigns', campaignsApi)
    .route('/reports', marketingReportsApi);

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const smallBody = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => problemResponse(c, new DomainError('invalid_input', 'The request body is larger than 1 MiB')) });
  // An import's upload carries a file of up to 10 MB (and the form's own few bytes).
  const uploadBody = bodyLimit({ maxSize: MAX_FILE_BYTES + 64 * 1024, onError: (c) => problemResponse(c, new DomainError('invalid_input', 'The file is larger than 10 MB', [{ path: 'file', message: 'at most 10 MB' }])) });
  const isUpload = (c: Context) => c.req.method === 'POST' && c.req.path === '/api/imports';
  app.use('/api/*', except(isUpload, smallBody));
  app.use('/api/imports', except((c) => !isUpload(c), uploadBody));
  // Before anything reads the request further: NUL, lone surrogates and over-deep JSON are refused.
  app.use('/api/*', inputGuard(() => Object.keys(app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: '', version: '' } }).paths ?? {})));
  app.use('/api/*', async (c, next) => {
    c.set('deps', deps);
    // One EntityManager per request: no identity map shared between users.
    c.set('em', deps.orm.em.fork());
    await next();
  });
  // After the handler: records successful changes and refused sign-ins (api/audit/audit-trail.ts).
  app.use('/api/*', auditTrail);
  // Campaign mail's public links (clicks, the open pixel, unsubscribe): outside /api and its sign-in.
  app.route('/m', mailTrackingApi(deps));
  const routed = app.route('/api', healthApi(API_VERSION)).route('/api/auth', authApi).route('/api/portal', portalApi).route('/api/survey', publicSurveyApi).route('/api', protectedApi);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', { type: 'apiKey', in: 'cookie', name: 'crm_session' });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
  const docConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Route CRM API',
      version: API_VERSION,
      description: 'Business processes as durable Temporal workflows: routes, cases, assignments. Errors are application/problem+json.',
    },
    security,
  };
  app.get('/openapi.json', (c) => c.json(withInputGuardProblems(withIdempotencyKey(app.getOpenAPI31Document(docConfig)))));
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'Route CRM API' }));
  app.notFound((c) => problemResponse(c, new DomainError('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`)));
  app.onError(toProblem);
  return routed;
}

export type AppType = ReturnType<typeof createApp>;
