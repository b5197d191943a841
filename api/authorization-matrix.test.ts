// Every endpoint, called by no one, an employee involved in the case, an employee of another team,
// the employee's manager, a designer, an admin and an integration key: the status each gets, and
// that a refused call changed nothing in PostgreSQL. State-changing calls get fresh objects per
// caller (a new case, a new route), so one caller's success cannot change what the next one sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../infra/db/demo-data.ts';
import { eventually } from '../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';

const CALLERS = ['none', 'employee', 'other', 'manager', 'designer', 'admin', 'key'] as const;
type Caller = (typeof CALLERS)[number];
/** Who plays each part (demo company): seller1 works the cases, sales.head is her manager. */
const PERSON: Record<Exclude<Caller, 'none' | 'key'>, string> = { employee: 'seller1', other: 'engineer1', manager: 'sales.head', designer: 'designer', admin: 'admin' };

/** One expected status per caller, in CALLERS order. */
type Expect = [none: number, employee: number, other: number, manager: number, designer: number, admin: number, key: number];

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** A multipart form instead of a JSON body (an import's upload). */
  form?: FormData;
  /** The answer is a file, not JSON (an export). */
  raw?: boolean;
}

interface Row {
  name: string;
  /** Builds the call; state-changing rows make their own objects, once per caller. */
  call: (who: Caller) => Promise<Call>;
  expect: Expect;
  /** The caller signs in afresh for this call (signing out must not end the session other rows use). */
  freshSession?: boolean;
}

let s: TestStack;
let keySecret: string;
let theCase: { id: string; assignmentId: string };
const tokens = new Map<Caller, string>();

const matrixRoute = {
  language: 'route/v1',
  name: 'Matrix',
  events: { ping: { senders: { participants: true, integrations: true } } },
  start: 'work',
  nodes: [
    { id: 'work', kind: 'task', name: 'Work', assignee: { type: 'person', email: demoEmail('seller1') }, due: 'P1D', next: 'await-ping' },
    { id: 'await-ping', kind: 'wait', event: 'ping', next: 'done' },
    { id: 'done', kind: 'end', result: 'success' },
  ],
};
const queueRoute = {
  language: 'route/v1',
  name: 'Matrix queue',
  start: 'work',
  nodes: [
    { id: 'work', kind: 'task', name: 'Queue work', assignee: { type: 'role', role: 'sales' }, due: 'P1D', next: 'done' },
    { id: 'done', kind: 'end', result: 'success' },
  ],
};

async function publishRoute(key: string, draft: unknown): Promise<string> {
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
  expect(created.status).toBe(201);
  expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
  return created.body.id;
}

/** A new case of a route, started by seller1, with its first step. */
async function newCase(routeKey = 'matrix'): Promise<{ id: string; assignmentId: string }> {
  const started = await s.call<{ id: string; openSteps: { assignmentId: string }[] }>('POST', '/api/processes', { as: 'seller1', body: { routeKey, subject: `Matrix ${crypto.randomUUID()}` } });
  expect(started.status).toBe(201);
  return { id: started.body.id, assignmentId: started.body.openSteps[0]!.assignmentId };
}

/** Everything a refused call must leave as it was (sessions, audit and rate-limit rows aside). */
async function fingerprint(): Promise<string> {
  // An integration key's last use is recorded even when the call is refused: an attempt is a use.
  const tables = ['route', 'route_version', 'process', 'assignment', 'step_event', 'notification', 'mail_message', 'calendar_settings', 'sales_plan', 'report_settings', 'employee', 'employee_roles', '(select id, name, scopes, revoked_at from integration_key)', 'client', 'client_contact', 'client_tag', 'client_tag_link', 'interaction', 'deal', 'deal_stage', 'deal_stage_change', 'invoice', 'planned_payment', 'invoice_payment', 'import_job', 'installation_order', 'installation_status_change', 'equipment', 'service_visit', 'phone_consultation', 'segment', 'campaign_template', 'campaign', 'campaign_recipient', 'campaign_response', 'mail_template'];
  // One statement: a refused call is checked twice per caller, some 1,000 times a run.
  return (await s.em().getConnection().execute<{ h: string | null }[]>(`select ${tables.map((t) => `coalesce((select md5(string_agg(x::text, '|' order by x::text)) from ${t} x), '-')`).join(` || ',' || `)} as h`))[0]!.h ?? '';
}

/**
 * Waits until nothing changes any more (a workflow may still be writing after an accepted call):
 * three reads in a row alike, 150 ms apart - under load a workflow's next write can come later
 * than one pause (CI saw a complaint's case write during a refused call).
 */
async function settled(): Promise<void> {
  let last = await fingerprint();
  let alike = 0;
  for (let i = 0; i < 80 && alike < 3; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await fingerprint();
    alike = now === last ? alike + 1 : 0;
    last = now;
  }
}

async function tokenFor(who: Caller, fresh = false): Promise<string | undefined> {
  if (who === 'none') return undefined;
  if (who === 'key') return keySecret;
  if (!fresh && tokens.has(who)) return tokens.get(who);
  const res = await s.call<{ token: string }>('POST', '/api/auth/login', { body: { email: demoEmail(PERSON[who]), password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  if (!fresh) tokens.set(who, res.body.token);
  return res.body.token;
}

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  await publishRoute('matrix', matrixRoute);
  await publishRoute('matrix-queue', queueRoute);
  const key = await s.call<{ secret: string }>('POST', '/api/integration-keys', { as: 'admin', body: { name: 'Matrix system', scopes: { events: ['matrix/*'], cases: ['matrix'] } } });
  keySecret = key.body.secret;
  theCase = await newCase();
  theClient = await newClient();
  theDeal = await newDeal();
  theSegment = await newSegment();
  theCampaign = await newCampaign();
  theOrder = await newOrder();
  theUnit = await newUnit(theClient.id);
  theComplaint = await newComplaint();
  theArticle = await newArticle();
  theQuestionnaire = (await newQuestionnaire(true)).id;
});
afterAll(async () => s?.close());

/** A one-row clients file to upload. */
const importForm = () => {
  const form = new FormData();
  form.set('kind', 'clients');
  form.set('file', new File([`Название\nMatrix ${crypto.randomUUID()}\n`], 'matrix.csv'));
  return form;
};
/** An import job of seller1's, mapped (previewed) when asked, made afresh for each caller. */
async function newImport(previewed: boolean): Promise<string> {
  const res = await s.app.request('/api/imports', { method: 'POST', headers: { authorization: `Bearer ${await s.login('seller1')}` }, body: importForm() });
  const job = (await res.json()) as { id: string };
  if (previewed) expect((await s.call('PUT', `/api/imports/${job.id}/mapping`, { as: 'seller1', body: { mapping: { name: 0 } } })).status).toBe(200);
  return job.id;
}
let mailTemplateId: string | undefined;
/** A library template the mail rows read and change (made once, by SQL, before any row runs it). */
async function mailTemplate(): Promise<string> {
  if (mailTemplateId) return mailTemplateId;
  const id = crypto.randomUUID();
  await s.em().execute(
    `insert into mail_template (id, name, subject, html, text, campaign_id, created_by_id, created_at, updated_at, version)
     select ?, 'Matrix', 'Matrix', '<p>Matrix</p>', '', null, id, now(), now(), 1 from employee where email = ?`,
    [id, demoEmail('marketer')],
  );
  return (mailTemplateId = id);
}
const mailTemplateVersion = async (): Promise<number> => (await s.em().execute<{ version: number }[]>('select version from mail_template where id = ?', [await mailTemplate()]))[0]!.version;
const anyClient = async (): Promise<string> => (await s.em().execute<{ id: string }[]>('select id from client order by name limit 1'))[0]!.id;
let mailSendId: string | undefined;
async function mailSendRow(): Promise<string> {
  if (mailSendId) return mailSendId;
  const id = crypto.randomUUID();
  await s.em().execute(`insert into mail_send (id, key, name, campaign_id, template_id, started_at) values (?, ?, 'main', null, ?, now())`, [id, `t:${await mailTemplate()}:matrix`, await mailTemplate()]);
  return (mailSendId = id);
}
/** A segment and a planned campaign (no segment: starting it is refused, nothing runs) made by admin. */
async function newSegment(): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/segments', { as: 'admin', body: { name: `Matrix ${crypto.randomUUID()}`, filter: { regions: ['Matrix'] } } });
  expect(res.status).toBe(201);
  return res.body.id;
}
async function newCampaign(): Promise<string> {
  const templates = await s.call<{ items: { id: string }[] }>('GET', '/api/campaign-templates', { as: 'admin' });
  const res = await s.call<{ id: string }>('POST', '/api/campaigns', { as: 'admin', body: { templateId: templates.body.items[0]!.id, name: `Matrix ${crypto.randomUUID()}` } });
  expect(res.status).toBe(201);
  return res.body.id;
}
let theSegment: string;
let theCampaign: string;

const read = (path: string | (() => string)) => () => Promise.resolve<Call>({ method: 'GET', path: typeof path === 'string' ? path : path() });
let routeSeq = 0;
const freshRouteKey = () => `matrix-${++routeSeq}`;
/** A client of seller1's (with one contact person), made afresh for each caller of a changing row. */
async function newClient(): Promise<{ id: string; contactId: string }> {
  const res = await s.call<{ id: string; contacts: { id: string }[] }>('POST', '/api/clients', { as: 'seller1', body: { name: `Matrix ${crypto.randomUUID()}`, kind: 'person', contacts: [{ fullName: 'Matrix contact' }] } });
  expect(res.status).toBe(201);
  return { id: res.body.id, contactId: res.body.contacts[0]!.id };
}
const newTag = async () => (await s.call<{ id: string }>('POST', '/api/client-tags', { as: 'admin', body: { name: `Matrix ${crypto.randomUUID()}` } })).body.id;
const newInteraction = async () => (await s.call<{ id: string }>('POST', '/api/interactions', { as: 'seller1', body: { clientId: (await newClient()).id, kind: 'call', at: '2031-03-03T07:00:00Z' } })).body.id;
let theClient: { id: string; contactId: string };
/** A deal of seller1's client (owned by seller1), made afresh for each caller of a changing row. */
async function newDeal(): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/deals', { as: 'seller1', body: { clientId: (await newClient()).id, title: `Matrix ${crypto.randomUUID()}`, amount: 100 } });
  expect(res.status).toBe(201);
  return res.body.id;
}
let stageSeq = 0;
const newStage = async () => (await s.call<{ id: string }>('POST', '/api/deal-stages', { as: 'admin', body: { code: `matrix-${++stageSeq}`, name: 'Matrix', probability: 1 } })).body.id;
let theDeal: string;
/** An invoice of a new client of seller1's, made afresh for each caller of a changing row. */
async function newInvoice(): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/invoices', { as: 'seller1', body: { clientId: (await newClient()).id, amount: 10_000, issueDate: '2031-03-01', dueDate: '2031-03-31' } });
  expect(res.status).toBe(201);
  return res.body.id;
}
/** Service records of seller1's clients, made afresh for each caller of a changing row. */
const LINES = [{ model: 'Matrix showcase', quantity: 1 }];
async function newOrder(then: ('accept' | 'schedule')[] = []): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/installations', { as: 'seller1', body: { clientId: (await newClient()).id, contractNumber: 'M-1', installBy: '2031-06-01', siteAddress: 'Matrix site', lines: LINES } });
  expect(res.status).toBe(201);
  for (const step of then) {
    const body = step === 'accept' ? {} : { date: '2031-05-30', engineerId: await idOf('engineer1') };
    expect((await s.call('POST', `/api/installations/${res.body.id}/${step}`, { as: 'admin', body })).status).toBe(200);
  }
  return res.body.id;
}
async function newUnit(clientId?: string): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/equipment', { as: 'admin', body: { clientId: clientId ?? (await newClient()).id, model: 'Matrix showcase', serialNumber: crypto.randomUUID(), siteAddress: 'Matrix site' } });
  expect(res.status).toBe(201);
  return res.body.id;
}
const newVisit = async () => (await s.call<{ id: string }>('POST', '/api/service-visits', { as: 'admin', body: { equipmentId: await newUnit(), plannedDate: '2031-07-01', engineerId: await idOf('engineer1'), kind: 'maintenance' } })).body.id;
const newConsultation = async () => (await s.call<{ id: string }>('POST', '/api/consultations', { as: 'admin', body: { clientId: (await newClient()).id, question: 'Matrix?', durationMinutes: 3 } })).body.id;
let theOrder: string;
let theUnit: string;
/** A complaint about a client of seller1's, registered by the admin (no department involved), afresh per caller of a changing row. */
async function newComplaint(): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/complaints', { as: 'admin', body: { source: 'phone', subject: 'Matrix', text: 'Matrix', clientId: (await newClient()).id } });
  expect(res.status).toBe(201);
  return res.body.id;
}
const newArticle = async () => (await s.call<{ id: string }>('POST', '/api/kb/articles', { as: 'admin', body: { title: 'Matrix', body: 'Matrix', category: 'Matrix' } })).body.id;
let theComplaint: string;
let theArticle: string;
/** A published questionnaire, made afresh when a row changes it. */
const newQuestionnaire = async (publish: boolean) => {
  const q = await s.call<{ id: string; revision: number }>('POST', '/api/surveys/questionnaires', { as: 'admin', body: { key: `matrix-${crypto.randomUUID().slice(0, 8)}`, name: 'Matrix', questions: [{ id: 'q', type: 'score', text: 'Matrix', scale: '1-5' }] } });
  if (!publish) return q.body;
  const p = await s.call<{ id: string; revision: number }>('POST', `/api/surveys/questionnaires/${q.body.id}/publish`, { as: 'admin', body: { revision: q.body.revision } });
  return p.body;
};
let theQuestionnaire: string;
const employees = async () => (await s.call<{ items: { id: string; email: string }[] }>('GET', '/api/employees', { as: 'admin' })).body.items;
const idOf = async (key: string) => (await employees()).find((e) => e.email === demoEmail(key))!.id;

// prettier-ignore
const ROWS: Row[] = [
  { name: 'GET /api/health', call: read('/api/health'), expect: [200, 200, 200, 200, 200, 200, 200] },
  { name: 'GET /api/ready', call: read('/api/ready'), expect: [200, 200, 200, 200, 200, 200, 200] },
  { name: 'POST /api/auth/login', call: () => Promise.resolve({ method: 'POST', path: '/api/auth/login', body: { email: demoEmail('seller2'), password: DEMO_PASSWORD } }), expect: [200, 200, 200, 200, 200, 200, 200] },
  { name: 'GET /api/auth/me', call: read('/api/auth/me'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/auth/logout', call: () => Promise.resolve({ method: 'POST', path: '/api/auth/logout' }), expect: [401, 204, 204, 204, 204, 204, 403], freshSession: true },
  { name: 'GET /api/audit', call: read('/api/audit'), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/routes', call: read('/api/routes'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/routes/operations', call: read('/api/routes/operations'), expect: [401, 403, 403, 403, 200, 200, 403] },
  { name: 'POST /api/routes', call: () => Promise.resolve({ method: 'POST', path: '/api/routes', body: { key: freshRouteKey(), draft: matrixRoute } }), expect: [401, 403, 403, 403, 201, 201, 403] },
  { name: 'GET /api/routes/{id}', call: async () => ({ method: 'GET', path: `/api/routes/${(await s.call<{ items: { id: string; key: string }[] }>('GET', '/api/routes', { as: 'admin' })).body.items.find((r) => r.key === 'matrix')!.id}` }), expect: [401, 200, 200, 200, 200, 200, 403] },
  {
    name: 'PUT /api/routes/{id}/draft',
    call: async () => {
      const created = await s.call<{ id: string; draftRevision: number }>('POST', '/api/routes', { as: 'designer', body: { key: freshRouteKey(), draft: matrixRoute } });
      return { method: 'PUT', path: `/api/routes/${created.body.id}/draft`, body: { draft: { ...matrixRoute, name: 'Changed' }, revision: created.body.draftRevision } };
    },
    expect: [401, 403, 403, 403, 200, 200, 403],
  },
  {
    name: 'POST /api/routes/{id}/validate',
    call: async () => ({ method: 'POST', path: `/api/routes/${(await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: freshRouteKey(), draft: matrixRoute } })).body.id}/validate` }),
    expect: [401, 403, 403, 403, 200, 200, 403],
  },
  {
    name: 'POST /api/routes/{id}/publish',
    call: async () => ({ method: 'POST', path: `/api/routes/${(await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: freshRouteKey(), draft: matrixRoute } })).body.id}/publish`, body: { revision: 1 } }),
    expect: [401, 403, 403, 403, 201, 201, 403],
  },
  {
    name: 'GET /api/routes/{id}/versions/{version}',
    call: async () => ({ method: 'GET', path: `/api/routes/${(await s.call<{ items: { id: string; key: string }[] }>('GET', '/api/routes', { as: 'admin' })).body.items.find((r) => r.key === 'matrix')!.id}/versions/1` }),
    expect: [401, 200, 200, 200, 200, 200, 403],
  },
  {
    name: 'GET /api/routes/{id}/diff',
    call: async () => ({ method: 'GET', path: `/api/routes/${(await s.call<{ items: { id: string; key: string }[] }>('GET', '/api/routes', { as: 'admin' })).body.items.find((r) => r.key === 'matrix')!.id}/diff?from=1&to=1` }),
    expect: [401, 200, 200, 200, 200, 200, 403],
  },
  { name: 'POST /api/processes', call: () => Promise.resolve({ method: 'POST', path: '/api/processes', body: { routeKey: 'matrix', subject: 'Started in the matrix' } }), expect: [401, 201, 201, 201, 201, 201, 403] },
  { name: 'GET /api/processes', call: read('/api/processes'), expect: [401, 200, 200, 200, 200, 200, 200] },
  { name: 'GET /api/processes/{id}', call: read(() => `/api/processes/${theCase.id}`), expect: [401, 200, 403, 200, 403, 200, 200] },
  { name: 'POST /api/processes/{id}/cancel', call: async () => ({ method: 'POST', path: `/api/processes/${(await newCase()).id}/cancel`, body: { reason: 'matrix' } }), expect: [401, 200, 403, 200, 403, 200, 403] },
  { name: 'POST /api/processes/{id}/events', call: async () => ({ method: 'POST', path: `/api/processes/${(await newCase()).id}/events`, body: { name: 'ping' } }), expect: [401, 202, 403, 403, 403, 403, 202] },
  { name: 'GET /api/assignments/inbox', call: read('/api/assignments/inbox'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/assignments/queue', call: read('/api/assignments/queue'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/assignments/{id}', call: read(() => `/api/assignments/${theCase.assignmentId}`), expect: [401, 200, 403, 200, 403, 200, 403] },
  { name: 'POST /api/assignments/{id}/claim', call: async () => ({ method: 'POST', path: `/api/assignments/${(await newCase('matrix-queue')).assignmentId}/claim` }), expect: [401, 200, 403, 200, 403, 403, 403] },
  { name: 'POST /api/assignments/{id}/complete', call: async () => ({ method: 'POST', path: `/api/assignments/${(await newCase()).assignmentId}/complete`, body: {} }), expect: [401, 200, 403, 403, 403, 403, 403] },
  { name: 'POST /api/assignments/{id}/reassign', call: async () => ({ method: 'POST', path: `/api/assignments/${(await newCase()).assignmentId}/reassign`, body: { employeeId: await idOf('seller3'), reason: 'holiday' } }), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/team', call: read('/api/team'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/process-timing', call: read('/api/reports/process-timing?routeKey=matrix'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/process-timing/breaches', call: read('/api/reports/process-timing/breaches?routeKey=matrix&nodeId=work'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/at-risk', call: read('/api/reports/at-risk?withinHours=8'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/team/{employeeId}/work', call: async () => ({ method: 'GET', path: `/api/team/${await idOf('seller1')}/work` }), expect: [401, 403, 403, 200, 403, 200, 403] },
  {
    name: 'POST /api/team/hand-over',
    call: async () => ({ method: 'POST', path: '/api/team/hand-over', body: { from: await idOf('seller1'), assignmentIds: [(await newCase()).assignmentId], to: { employeeId: await idOf('seller3') }, reason: 'holiday' } }),
    expect: [401, 403, 403, 200, 403, 200, 403],
  },
  { name: 'GET /api/employees', call: read('/api/employees'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/employees/{id}', call: async () => ({ method: 'GET', path: `/api/employees/${await idOf('seller1')}` }), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/roles', call: read('/api/roles'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/roles/{code}', call: read('/api/roles/sales'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/notifications', call: read('/api/notifications'), expect: [401, 200, 200, 200, 200, 200, 403] },
  {
    name: 'POST /api/notifications/{id}/read',
    call: async () => {
      const c = await newCase();
      const mine = await eventually(() => s.call<{ items: { id: string; processId: string | null }[] }>('GET', '/api/notifications', { as: 'seller1' }), (r) => r.body.items.some((n) => n.processId === c.id));
      return { method: 'POST', path: `/api/notifications/${mine.body.items.find((n) => n.processId === c.id)!.id}/read` };
    },
    expect: [401, 200, 403, 403, 403, 403, 403],
  },
  { name: 'POST /api/notifications/read-all', call: () => Promise.resolve({ method: 'POST', path: '/api/notifications/read-all' }), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/outbox', call: read('/api/outbox'), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/settings/calendar', call: read('/api/settings/calendar'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'PUT /api/settings/calendar', call: () => Promise.resolve({ method: 'PUT', path: '/api/settings/calendar', body: { timeZone: 'Europe/Moscow', overrides: {} } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/integration-keys', call: read('/api/integration-keys'), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'POST /api/integration-keys', call: () => Promise.resolve({ method: 'POST', path: '/api/integration-keys', body: { name: `Key ${crypto.randomUUID()}`, scopes: {} } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  {
    name: 'POST /api/integration-keys/{id}/revoke',
    call: async () => ({ method: 'POST', path: `/api/integration-keys/${(await s.call<{ id: string }>('POST', '/api/integration-keys', { as: 'admin', body: { name: `Spare ${crypto.randomUUID()}`, scopes: {} } })).body.id}/revoke` }),
    expect: [401, 403, 403, 403, 403, 200, 403],
  },
  // Clients: seller1 owns them, sales.head is her manager; the others do not see them (404, as if they did not exist).
  { name: 'GET /api/clients', call: read('/api/clients'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/clients', call: () => Promise.resolve({ method: 'POST', path: '/api/clients', body: { name: `Matrix ${crypto.randomUUID()}`, kind: 'person' } }), expect: [401, 201, 201, 201, 201, 201, 403] },
  { name: 'GET /api/clients/choices', call: read('/api/clients/choices'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/clients/duplicates', call: read('/api/clients/duplicates?inn=7707083893'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/clients/{id}', call: read(() => `/api/clients/${theClient.id}`), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'PATCH /api/clients/{id}', call: async () => ({ method: 'PATCH', path: `/api/clients/${(await newClient()).id}`, body: { version: 1, notes: 'matrix' } }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'POST /api/clients/{id}/contacts', call: async () => ({ method: 'POST', path: `/api/clients/${(await newClient()).id}/contacts`, body: { fullName: 'Matrix' } }), expect: [401, 201, 404, 201, 404, 201, 403] },
  {
    name: 'PATCH /api/clients/{id}/contacts/{contactId}',
    call: async () => { const c = await newClient(); return { method: 'PATCH', path: `/api/clients/${c.id}/contacts/${c.contactId}`, body: { version: 1, position: 'Matrix' } }; },
    expect: [401, 200, 404, 200, 404, 200, 403],
  },
  { name: 'DELETE /api/clients/{id}/contacts/{contactId}', call: async () => { const c = await newClient(); return { method: 'DELETE', path: `/api/clients/${c.id}/contacts/${c.contactId}` }; }, expect: [401, 204, 404, 204, 404, 204, 403] },
  { name: 'GET /api/client-tags', call: read('/api/client-tags'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/client-tags', call: () => Promise.resolve({ method: 'POST', path: '/api/client-tags', body: { name: `Matrix ${crypto.randomUUID()}` } }), expect: [401, 403, 403, 403, 201, 201, 403] },
  { name: 'PATCH /api/client-tags/{id}', call: async () => ({ method: 'PATCH', path: `/api/client-tags/${await newTag()}`, body: { name: `Renamed ${crypto.randomUUID()}` } }), expect: [401, 403, 403, 403, 200, 200, 403] },
  { name: 'DELETE /api/client-tags/{id}', call: async () => ({ method: 'DELETE', path: `/api/client-tags/${await newTag()}` }), expect: [401, 403, 403, 403, 204, 204, 403] },
  { name: 'GET /api/interactions', call: read('/api/interactions'), expect: [401, 200, 200, 200, 200, 200, 403] },
  // The team's counts: seller1, engineer1 and the designer have nobody below them; the admin oversees everyone.
  { name: 'GET /api/interactions/summary', call: read('/api/interactions/summary?from=2031-03-02T00:00:00Z&to=2031-03-09T00:00:00Z'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'POST /api/interactions', call: async () => ({ method: 'POST', path: '/api/interactions', body: { clientId: (await newClient()).id, kind: 'call', at: '2031-03-03T07:00:00Z' } }), expect: [401, 201, 404, 201, 404, 201, 403] },
  { name: 'PATCH /api/interactions/{id}', call: async () => ({ method: 'PATCH', path: `/api/interactions/${await newInteraction()}`, body: { version: 1, subject: 'Matrix' } }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'GET /api/deals', call: read('/api/deals'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/deals/choices', call: read('/api/deals/choices'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/deals/board', call: read('/api/deals/board'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/deals', call: async () => ({ method: 'POST', path: '/api/deals', body: { clientId: (await newClient()).id, title: 'Matrix' } }), expect: [401, 201, 404, 201, 404, 201, 403] },
  { name: 'GET /api/deals/{id}', call: read(() => `/api/deals/${theDeal}`), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'GET /api/deals/{id}/moves', call: read(() => `/api/deals/${theDeal}/moves`), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'PATCH /api/deals/{id}', call: async () => ({ method: 'PATCH', path: `/api/deals/${await newDeal()}`, body: { version: 1, title: 'Matrix changed' } }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'POST /api/deals/{id}/close', call: async () => ({ method: 'POST', path: `/api/deals/${await newDeal()}/close`, body: { outcome: 'lost', reason: 'price' } }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'GET /api/invoices', call: read('/api/invoices'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/invoices', call: async () => ({ method: 'POST', path: '/api/invoices', body: { clientId: (await newClient()).id, amount: 100, issueDate: '2031-03-01', dueDate: '2031-03-02' } }), expect: [401, 201, 404, 201, 404, 201, 403] },
  { name: 'GET /api/invoices/{id}', call: async () => ({ method: 'GET', path: `/api/invoices/${await newInvoice()}` }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'PATCH /api/invoices/{id}', call: async () => ({ method: 'PATCH', path: `/api/invoices/${await newInvoice()}`, body: { version: 1, notes: 'Matrix' } }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'POST /api/invoices/{id}/cancel', call: async () => ({ method: 'POST', path: `/api/invoices/${await newInvoice()}/cancel`, body: { reason: 'Matrix' } }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'PUT /api/invoices/{id}/schedule', call: async () => ({ method: 'PUT', path: `/api/invoices/${await newInvoice()}/schedule`, body: { version: 1, items: [{ dueOn: '2031-03-10', amount: 5_000 }] } }), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'GET /api/invoices/{id}/payments', call: async () => ({ method: 'GET', path: `/api/invoices/${await newInvoice()}/payments` }), expect: [401, 200, 404, 200, 404, 200, 403] },
  // The matrix key has no `invoices/payments` scope (invoices-api.test.ts covers a key that has).
  { name: 'POST /api/invoices/{id}/payments', call: async () => ({ method: 'POST', path: `/api/invoices/${await newInvoice()}/payments`, body: { paidOn: '2031-03-05', amount: 1_000, documentNumber: 'ПП-1' } }), expect: [401, 201, 404, 201, 404, 201, 403] },
  { name: 'GET /api/receivables', call: read('/api/receivables'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/clients/{id}/receivables', call: read(() => `/api/clients/${theClient.id}/receivables`), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'GET /api/deal-stages', call: read('/api/deal-stages'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/deal-stages', call: () => Promise.resolve({ method: 'POST', path: '/api/deal-stages', body: { code: `matrix-new-${++stageSeq}`, name: 'Matrix', probability: 5 } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'PATCH /api/deal-stages/{id}', call: async () => ({ method: 'PATCH', path: `/api/deal-stages/${await newStage()}`, body: { name: 'Matrix renamed' } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'DELETE /api/deal-stages/{id}', call: async () => ({ method: 'DELETE', path: `/api/deal-stages/${await newStage()}` }), expect: [401, 403, 403, 403, 403, 204, 403] },
  { name: 'GET /api/imports', call: read('/api/imports'), expect: [401, 200, 403, 200, 403, 200, 403] },
  { name: 'POST /api/imports', call: () => Promise.resolve({ method: 'POST', path: '/api/imports', form: importForm() }), expect: [401, 201, 403, 201, 403, 201, 403] },
  { name: 'GET /api/imports/{id}', call: async () => ({ method: 'GET', path: `/api/imports/${await newImport(false)}` }), expect: [401, 200, 403, 404, 403, 404, 403] },
  { name: 'PUT /api/imports/{id}/mapping', call: async () => ({ method: 'PUT', path: `/api/imports/${await newImport(false)}/mapping`, body: { mapping: { name: 0 } } }), expect: [401, 200, 403, 404, 403, 404, 403] },
  { name: 'POST /api/imports/{id}/commit', call: async () => ({ method: 'POST', path: `/api/imports/${await newImport(true)}/commit` }), expect: [401, 200, 403, 404, 403, 404, 403] },
  { name: 'GET /api/exports/clients', call: () => Promise.resolve({ method: 'GET', path: '/api/exports/clients?format=csv', raw: true }), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/exports/deals', call: () => Promise.resolve({ method: 'GET', path: '/api/exports/deals?format=xlsx', raw: true }), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/exports/interactions', call: () => Promise.resolve({ method: 'GET', path: '/api/exports/interactions', raw: true }), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/exports/cases', call: () => Promise.resolve({ method: 'GET', path: '/api/exports/cases', raw: true }), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/installations', call: read('/api/installations'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/installations', call: async () => ({ method: 'POST', path: '/api/installations', body: { clientId: (await newClient()).id, contractNumber: 'M-2', installBy: '2031-06-01', siteAddress: 'Matrix', lines: LINES } }), expect: [401, 201, 201, 201, 404, 201, 403] },
  { name: 'GET /api/installations/{id}', call: read(() => `/api/installations/${theOrder}`), expect: [401, 200, 200, 200, 404, 200, 403] },
  { name: 'PATCH /api/installations/{id}', call: async () => ({ method: 'PATCH', path: `/api/installations/${await newOrder()}`, body: { version: 1, siteAddress: 'Matrix moved' } }), expect: [401, 200, 200, 200, 404, 200, 403] },
  { name: 'POST /api/installations/{id}/accept', call: async () => ({ method: 'POST', path: `/api/installations/${await newOrder()}/accept`, body: {} }), expect: [401, 403, 200, 403, 404, 200, 403] },
  { name: 'POST /api/installations/{id}/return', call: async () => ({ method: 'POST', path: `/api/installations/${await newOrder()}/return`, body: { missing: 'Plan', deadline: '2031-05-01' } }), expect: [401, 403, 200, 403, 404, 200, 403] },
  { name: 'POST /api/installations/{id}/schedule', call: async () => ({ method: 'POST', path: `/api/installations/${await newOrder(['accept'])}/schedule`, body: { date: '2031-05-30', engineerId: await idOf('engineer1') } }), expect: [401, 403, 200, 403, 404, 200, 403] },
  { name: 'POST /api/installations/{id}/complete', call: async () => ({ method: 'POST', path: `/api/installations/${await newOrder(['accept', 'schedule'])}/complete`, body: { actNumber: 'A-1', actDate: '2031-05-30', equipment: [{ model: LINES[0]!.model, serialNumber: crypto.randomUUID() }] } }), expect: [401, 403, 200, 403, 404, 200, 403] },
  { name: 'POST /api/installations/{id}/cancel', call: async () => ({ method: 'POST', path: `/api/installations/${await newOrder()}/cancel`, body: { reason: 'Matrix' } }), expect: [401, 200, 200, 200, 404, 200, 403] },
  { name: 'GET /api/equipment', call: read('/api/equipment'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/equipment', call: async () => ({ method: 'POST', path: '/api/equipment', body: { clientId: (await newClient()).id, model: 'Matrix', serialNumber: crypto.randomUUID(), siteAddress: 'Matrix' } }), expect: [401, 403, 201, 403, 404, 201, 403] },
  { name: 'GET /api/equipment/{id}', call: read(() => `/api/equipment/${theUnit}`), expect: [401, 200, 200, 200, 404, 200, 403] },
  { name: 'PATCH /api/equipment/{id}', call: async () => ({ method: 'PATCH', path: `/api/equipment/${await newUnit()}`, body: { version: 1, notes: 'Matrix' } }), expect: [401, 403, 200, 403, 404, 200, 403] },
  { name: 'GET /api/clients/{id}/equipment', call: read(() => `/api/clients/${theClient.id}/equipment`), expect: [401, 200, 200, 200, 404, 200, 403] },
  { name: 'GET /api/service-visits', call: read('/api/service-visits'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/service-visits', call: async () => ({ method: 'POST', path: '/api/service-visits', body: { equipmentId: await newUnit(), plannedDate: '2031-07-01', engineerId: await idOf('engineer1'), kind: 'repair' } }), expect: [401, 403, 201, 403, 404, 201, 403] },
  { name: 'GET /api/service-visits/{id}', call: async () => ({ method: 'GET', path: `/api/service-visits/${await newVisit()}` }), expect: [401, 200, 200, 200, 404, 200, 403] },
  { name: 'PATCH /api/service-visits/{id}', call: async () => ({ method: 'PATCH', path: `/api/service-visits/${await newVisit()}`, body: { version: 1, result: 'Matrix' } }), expect: [401, 403, 200, 403, 404, 200, 403] },
  { name: 'GET /api/consultations', call: read('/api/consultations'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/consultations', call: async () => ({ method: 'POST', path: '/api/consultations', body: { clientId: (await newClient()).id, question: 'Matrix?', durationMinutes: 2 } }), expect: [401, 403, 201, 403, 404, 201, 403] },
  { name: 'GET /api/consultations/{id}', call: async () => ({ method: 'GET', path: `/api/consultations/${await newConsultation()}` }), expect: [401, 200, 200, 200, 404, 200, 403] },
  { name: 'PATCH /api/consultations/{id}', call: async () => ({ method: 'PATCH', path: `/api/consultations/${await newConsultation()}`, body: { version: 1, answer: 'Matrix' } }), expect: [401, 403, 200, 403, 404, 200, 403] },
  { name: 'GET /api/complaints', call: read('/api/complaints'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/complaints/choices', call: read('/api/complaints/choices'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/complaints', call: async () => ({ method: 'POST', path: '/api/complaints', body: { source: 'phone', subject: 'Matrix', text: 'Matrix', clientId: (await newClient()).id } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'GET /api/complaints/{id}', call: read(() => `/api/complaints/${theComplaint}`), expect: [401, 200, 404, 200, 404, 200, 403] },
  { name: 'PATCH /api/complaints/{id}', call: async () => ({ method: 'PATCH', path: `/api/complaints/${await newComplaint()}`, body: { version: 1, subject: 'Matrix changed' } }), expect: [401, 403, 404, 403, 404, 200, 403] },
  { name: 'POST /api/complaints/{id}/status', call: async () => ({ method: 'POST', path: `/api/complaints/${await newComplaint()}/status`, body: { version: 1, status: 'in-work' } }), expect: [401, 403, 404, 403, 404, 200, 403] },
  { name: 'POST /api/complaints/{id}/messages', call: async () => ({ method: 'POST', path: `/api/complaints/${await newComplaint()}/messages`, body: { text: 'Matrix' } }), expect: [401, 403, 404, 403, 404, 201, 403] },
  { name: 'POST /api/complaints/{id}/notes', call: async () => ({ method: 'POST', path: `/api/complaints/${await newComplaint()}/notes`, body: { text: 'Matrix' } }), expect: [401, 403, 404, 403, 404, 201, 403] },
  { name: 'POST /api/complaints/{id}/decision', call: async () => ({ method: 'POST', path: `/api/complaints/${await newComplaint()}/decision`, body: { version: 1, kind: 'satisfied', text: 'Matrix' } }), expect: [401, 403, 404, 403, 404, 200, 403] },
  { name: 'GET /api/kb/search', call: read(`/api/kb/search?q=${encodeURIComponent('гарантия')}`), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'GET /api/kb/articles', call: read('/api/kb/articles'), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'POST /api/kb/articles', call: () => Promise.resolve({ method: 'POST', path: '/api/kb/articles', body: { title: 'Matrix', body: 'Matrix', category: 'Matrix' } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'GET /api/kb/articles/{id}', call: read(() => `/api/kb/articles/${theArticle}`), expect: [401, 200, 200, 200, 200, 200, 403] },
  { name: 'PATCH /api/kb/articles/{id}', call: async () => ({ method: 'PATCH', path: `/api/kb/articles/${await newArticle()}`, body: { version: 1, title: 'Matrix changed' } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  // Marketing (issue 11): marketing, management and admins manage; heads read; others refused.
  { name: 'POST /api/segments/preview', call: () => Promise.resolve({ method: 'POST', path: '/api/segments/preview', body: { filter: { regions: ['Matrix'] } } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/segments', call: read('/api/segments'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'POST /api/segments', call: () => Promise.resolve({ method: 'POST', path: '/api/segments', body: { name: 'Matrix', filter: {} } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'GET /api/segments/{id}', call: read(() => `/api/segments/${theSegment}`), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'PUT /api/segments/{id}', call: async () => ({ method: 'PUT', path: `/api/segments/${await newSegment()}`, body: { version: 1, name: 'Matrix changed', filter: {} } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'DELETE /api/segments/{id}', call: async () => ({ method: 'DELETE', path: `/api/segments/${await newSegment()}` }), expect: [401, 403, 403, 403, 403, 204, 403] },
  { name: 'GET /api/segments/{id}/members', call: read(() => `/api/segments/${theSegment}/members`), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/campaign-templates', call: read('/api/campaign-templates'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/campaigns', call: read('/api/campaigns'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'POST /api/campaigns', call: async () => ({ method: 'POST', path: '/api/campaigns', body: { templateId: (await s.call<{ items: { id: string }[] }>('GET', '/api/campaign-templates', { as: 'admin' })).body.items[0]!.id, name: 'Matrix' } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'GET /api/campaigns/{id}', call: read(() => `/api/campaigns/${theCampaign}`), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'PUT /api/campaigns/{id}', call: async () => ({ method: 'PUT', path: `/api/campaigns/${await newCampaign()}`, body: { version: 1, name: 'Matrix changed' } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  // Without a segment the start is refused even to admins (422): nothing starts in the matrix.
  { name: 'POST /api/campaigns/{id}/start', call: async () => ({ method: 'POST', path: `/api/campaigns/${await newCampaign()}/start` }), expect: [401, 403, 403, 403, 403, 422, 403] },
  { name: 'POST /api/campaigns/{id}/cancel', call: async () => ({ method: 'POST', path: `/api/campaigns/${await newCampaign()}/cancel`, body: {} }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/campaigns/{id}/recipients', call: read(() => `/api/campaigns/${theCampaign}/recipients`), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/campaigns/{id}/responses', call: read(() => `/api/campaigns/${theCampaign}/responses`), expect: [401, 403, 403, 200, 403, 200, 403] },
  // The client is no recipient (the campaign was never sent): refused to admins too, after the rights check.
  { name: 'POST /api/campaigns/{id}/responses', call: () => Promise.resolve({ method: 'POST', path: `/api/campaigns/${theCampaign}/responses`, body: { clientId: theClient.id, kind: 'reply' } }), expect: [401, 403, 403, 403, 403, 422, 403] },
  { name: 'GET /api/campaigns/{id}/effectiveness', call: read(() => `/api/campaigns/${theCampaign}/effectiveness`), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/reports/marketing/campaigns', call: read('/api/reports/marketing/campaigns?from=2031-01-01&to=2031-06-30'), expect: [401, 403, 403, 403, 403, 200, 403] },
  // The client reports (api/reports/clients): heads read their people's figures; tagging VIP clients is management's and admins'.
  { name: 'GET /api/reports/clients/abc', call: read('/api/reports/clients/abc?from=2031-01-01&to=2031-06-30'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/clients/xyz', call: read('/api/reports/clients/xyz?from=2031-01-01&to=2031-06-30'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/clients/stages', call: read('/api/reports/clients/stages?from=2031-01-01&to=2031-06-30'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/clients/vip', call: read('/api/reports/clients/vip?from=2031-01-01&to=2031-06-30&threshold=100'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'POST /api/reports/clients/vip', call: () => Promise.resolve({ method: 'POST', path: '/api/reports/clients/vip', body: { from: '2031-01-01', to: '2031-06-30', threshold: 100 } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/reports/clients/completeness', call: read('/api/reports/clients/completeness'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/marketing', call: read('/api/reports/marketing?from=2031-01-01&to=2031-06-30&by=segment'), expect: [401, 403, 403, 200, 403, 200, 403] },
  // Sales reports (issue 10): heads of departments (their people), management and admins.
  { name: 'GET /api/sales-plans', call: read('/api/sales-plans?month=2026-12'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'PUT /api/sales-plans', call: async () => ({ method: 'PUT', path: '/api/sales-plans', body: { plans: [{ employeeId: (await s.em().getConnection().execute<{ id: string }[]>('select id from employee where email = ?', [demoEmail('seller1')]))[0]!.id, month: '2026-12', amount: 100 }] } }), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/settings/reports', call: read('/api/settings/reports'), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'PUT /api/settings/reports', call: () => Promise.resolve({ method: 'PUT', path: '/api/settings/reports', body: { norms: { call: 20 }, commission: { tiers: [{ fromShare: 0, percent: 3 }] } } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/reports/activity', call: read('/api/reports/activity'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/monthly', call: read('/api/reports/monthly'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/managers', call: read('/api/reports/managers'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/complaints', call: read('/api/reports/complaints'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/reports/daily', call: read('/api/reports/daily'), expect: [401, 403, 403, 200, 403, 200, 403] },
  // Campaign mail (api/mailing): marketing, management and admins write; heads read.
  { name: 'GET /api/mail/templates', call: read('/api/mail/templates'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'POST /api/mail/templates', call: () => Promise.resolve({ method: 'POST', path: '/api/mail/templates', body: { name: 'Matrix', subject: 'Matrix {{ client.name }}', html: '<p>Matrix</p>' } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'GET /api/mail/templates/{id}', call: async () => ({ method: 'GET', path: `/api/mail/templates/${await mailTemplate()}` }), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'PUT /api/mail/templates/{id}', call: async () => ({ method: 'PUT', path: `/api/mail/templates/${await mailTemplate()}`, body: { version: await mailTemplateVersion(), subject: 'Matrix again' } }), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'POST /api/mail/templates/{id}/preview', call: async () => ({ method: 'POST', path: `/api/mail/templates/${await mailTemplate()}/preview`, body: { clientId: await anyClient() } }), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/mail/sends', call: read('/api/mail/sends'), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'GET /api/mail/sends/{id}/deliveries', call: async () => ({ method: 'GET', path: `/api/mail/sends/${await mailSendRow()}/deliveries` }), expect: [401, 403, 403, 200, 403, 200, 403] },
  { name: 'POST /api/mail/sends/{id}/retry', call: async () => ({ method: 'POST', path: `/api/mail/sends/${await mailSendRow()}/retry` }), expect: [401, 403, 403, 403, 403, 200, 403] },
  // The portal is public: everyone gets the same answer, signed in or not (a made-up token is 404).
  { name: 'POST /api/portal/requests', call: (who) => Promise.resolve({ method: 'POST', path: '/api/portal/requests', body: { name: 'Matrix', email: `matrix-${who}-${crypto.randomUUID()}@example.com`, kind: 'question', subject: 'Matrix', text: 'Matrix' } }), expect: [202, 202, 202, 202, 202, 202, 202] },
  { name: 'POST /api/portal/confirm', call: () => Promise.resolve({ method: 'POST', path: '/api/portal/confirm', body: { token: 'M'.repeat(43) } }), expect: [404, 404, 404, 404, 404, 404, 404] },
  { name: 'GET /api/portal/cases/{token}', call: read(`/api/portal/cases/${'M'.repeat(43)}`), expect: [404, 404, 404, 404, 404, 404, 404] },
  { name: 'POST /api/portal/cases/{token}/messages', call: () => Promise.resolve({ method: 'POST', path: `/api/portal/cases/${'M'.repeat(43)}/messages`, body: { text: 'Matrix' } }), expect: [404, 404, 404, 404, 404, 404, 404] },
  // Surveys: quality, marketing and admins write; management reads; a made-up survey link is 404 for everyone.
  { name: 'GET /api/surveys/questionnaires', call: read('/api/surveys/questionnaires'), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'POST /api/surveys/questionnaires', call: () => Promise.resolve({ method: 'POST', path: '/api/surveys/questionnaires', body: { key: `matrix-${crypto.randomUUID().slice(0, 8)}`, name: 'Matrix' } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'GET /api/surveys/questionnaires/{id}', call: read(() => `/api/surveys/questionnaires/${theQuestionnaire}`), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'PUT /api/surveys/questionnaires/{id}', call: async () => { const q = await newQuestionnaire(false); return { method: 'PUT', path: `/api/surveys/questionnaires/${q.id}`, body: { revision: q.revision, name: 'Matrix 2', intro: '', questions: [] } }; }, expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'POST /api/surveys/questionnaires/{id}/publish', call: async () => { const q = await newQuestionnaire(false); return { method: 'POST', path: `/api/surveys/questionnaires/${q.id}/publish`, body: { revision: q.revision } }; }, expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'GET /api/surveys/questionnaires/{id}/summary', call: read(() => `/api/surveys/questionnaires/${theQuestionnaire}/summary`), expect: [401, 403, 403, 403, 403, 200, 403] },
  { name: 'POST /api/surveys/rounds', call: () => Promise.resolve({ method: 'POST', path: '/api/surveys/rounds', body: { questionnaireId: theQuestionnaire, channel: 'email', segment: 'regular' } }), expect: [401, 403, 403, 403, 403, 201, 403] },
  { name: 'GET /api/survey/{token}', call: read(`/api/survey/${'M'.repeat(43)}`), expect: [404, 404, 404, 404, 404, 404, 404] },
  { name: 'POST /api/survey/{token}/answers', call: () => Promise.resolve({ method: 'POST', path: `/api/survey/${'M'.repeat(43)}/answers`, body: { answers: {} } }), expect: [404, 404, 404, 404, 404, 404, 404] },
  // Last: signing out everywhere ends the sessions every row before used.
  { name: 'POST /api/auth/logout-all', call: () => Promise.resolve({ method: 'POST', path: '/api/auth/logout-all' }), expect: [401, 204, 204, 204, 204, 204, 403], freshSession: true },
];

describe('who may call what', () => {
  it('lists every endpoint of the OpenAPI document (but the live stream, tested in notifications-api.test.ts)', async () => {
    const doc = (await (await s.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set(ROWS.map((r) => r.name));
    expect(documented.filter((d) => !covered.has(d) && d !== 'GET /api/notifications/stream')).toEqual([]);
  });

  it.each(ROWS)('$name', async (row) => {
    const seen: Record<string, number> = {};
    const send = async (who: Caller, call: Call, token: string | undefined) => {
      const res = call.form || call.raw
        ? await s.app.request(call.path, { method: call.method, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(call.form ? { body: call.form } : {}) })
        : await s.call(call.method, call.path, { ...(token ? { token } : {}), ...(call.body === undefined ? {} : { body: call.body }) });
      seen[who] = res.status;
    };
    const want = (who: Caller) => row.expect[CALLERS.indexOf(who)]!;
    // Refused callers first, each checked for changing nothing; then the allowed ones. Every
    // refused caller's request (and its fresh records) is made before the first of them is sent,
    // and the database is let settle once (a workflow started by those records may still be
    // writing): a refused call changes nothing, so the state after one is the state before the next.
    const refused = [];
    for (const who of CALLERS.filter((w) => want(w) >= 400)) refused.push({ who, call: await row.call(who), token: await tokenFor(who, row.freshSession) });
    await settled();
    let before = await fingerprint();
    for (const { who, call, token } of refused) {
      await send(who, call, token);
      const after = await fingerprint();
      expect({ who, changed: after !== before }).toEqual({ who, changed: false });
      before = after;
    }
    for (const who of CALLERS.filter((w) => want(w) < 400)) {
      const call = await row.call(who);
      await send(who, call, await tokenFor(who, row.freshSession));
    }
    expect(seen, JSON.stringify(seen)).toEqual(Object.fromEntries(CALLERS.map((who, i) => [who, row.expect[i]])));
  });
});
