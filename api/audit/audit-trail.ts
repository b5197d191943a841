// Records the audit log (domain/audit/entities.ts). One middleware on the whole API looks up the
// matched route in a table of `'<METHOD> <route pattern>' -> what it means` and, after the
// handler, writes one entry for each successful state-changing call (2xx) and each refused sign-in
// (401/429): who (the signed-in actor, or the e-mail tried), what (action, target, a few details
// from the request or the answer), from where (address, user agent), and the status answered.
// GETs are not audited. Replays of an Idempotency-Key changed nothing and are not recorded again.
//
// The entry is written after the handler, in the request's own EntityManager, outside the
// handler's transaction: the change is committed by then and the client is about to be told so.
// If the write fails, it is logged and the answer goes out unchanged - turning a done change into
// an error would make clients retry something that already happened. Handlers can record what
// the table cannot express with `recordAudit(c, entry)` (e.g. the use of an integration key).
import { routePath } from 'hono/route';
import type { Context, MiddlewareHandler } from 'hono';
import { AuditEntry, type AuditAction, type AuditActorKind } from '../../domain/audit/entities.ts';
import { clientAddress } from '../auth/client-address.ts';
import type { AppEnv } from '../context.ts';

type Json = Record<string, unknown>;

interface AuditRule {
  action: AuditAction;
  targetType?: string;
  /** Where the target's id is: the path's `:id` (default), the answer's `id` (creates), a field of the request body or another path parameter. */
  idFrom?: 'param' | 'response' | { body: string } | { param: string };
  /** Small facts worth keeping, from the request body, the answer and the path parameters. */
  details?: (body: Json, answer: Json, params: Record<string, string>) => Json | undefined;
}

const pick = (from: Json, ...keys: string[]): Json | undefined => {
  const out: Json = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return Object.keys(out).length ? out : undefined;
};

/** What each state-changing endpoint means in the log; endpoints not listed are not audited. */
export const AUDITED: Record<string, AuditRule> = {
  'POST /api/auth/login': { action: 'auth.login', targetType: 'employee' },
  'POST /api/auth/logout': { action: 'auth.logout', targetType: 'employee' },
  'POST /api/auth/logout-all': { action: 'auth.logout-all', targetType: 'employee' },
  'POST /api/routes': { action: 'route.create', targetType: 'route', idFrom: 'response', details: (b) => pick(b, 'key') },
  'PUT /api/routes/:id/draft': { action: 'route.draft', targetType: 'route', details: (_b, a) => pick(a, 'draftRevision') },
  'POST /api/routes/:id/publish': { action: 'route.publish', targetType: 'route', details: (_b, a) => pick(a, 'version') },
  'POST /api/processes': { action: 'process.start', targetType: 'process', idFrom: 'response', details: (b) => pick(b, 'routeKey', 'routeId', 'subject') },
  'POST /api/processes/:id/events': { action: 'process.event', targetType: 'process', details: (b) => pick(b, 'name', 'reason') },
  'POST /api/processes/:id/cancel': { action: 'process.cancel', targetType: 'process', details: (b) => pick(b, 'reason') },
  'POST /api/assignments/:id/reassign': { action: 'assignment.reassign', targetType: 'assignment', details: (b) => pick(b, 'employeeId', 'role', 'reason') },
  'POST /api/assignments/:id/claim': { action: 'assignment.claim', targetType: 'assignment' },
  // The person whose work moved is the target; which steps moved (and which did not) are kept.
  'POST /api/team/hand-over': { action: 'assignment.hand-over', targetType: 'employee', idFrom: { body: 'from' }, details: (b, a) => ({ ...pick(b, 'from', 'to', 'reason'), ...pick(a, 'moved', 'failed') }) },
  'PUT /api/settings/calendar': { action: 'settings.calendar', targetType: 'settings', details: (b) => pick(b, 'timeZone', 'region') },
  'PUT /api/settings/reports': { action: 'settings.reports', targetType: 'settings', details: (b) => pick(b, 'norms', 'commission') },
  'PUT /api/sales-plans': { action: 'sales-plan.save', targetType: 'sales-plan', details: (b) => pick(b, 'plans') },
  'POST /api/integration-keys': { action: 'api-key.create', targetType: 'api-key', idFrom: 'response', details: (b) => pick(b, 'name', 'scopes') },
  'POST /api/integration-keys/:id/revoke': { action: 'api-key.revoke', targetType: 'api-key' },
  // Clients: which fields a change touched (not their values, which the card keeps), and the new owner.
  'POST /api/clients': { action: 'client.create', targetType: 'client', idFrom: 'response', details: (b) => ({ ...pick(b, 'name', 'inn', 'ownerId', 'confirmDuplicate') }) },
  'PATCH /api/clients/:id': { action: 'client.update', targetType: 'client', details: (b, a) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(b, 'ownerId', 'confirmDuplicate'), ...pick(a, 'version') }) },
  'POST /api/clients/:id/contacts': { action: 'client.contact-add', targetType: 'client-contact', idFrom: 'response', details: (b, _a, p) => ({ clientId: p.id, ...pick(b, 'fullName') }) },
  'PATCH /api/clients/:id/contacts/:contactId': { action: 'client.contact-update', targetType: 'client-contact', idFrom: { param: 'contactId' }, details: (b, _a, p) => ({ clientId: p.id, fields: Object.keys(b).filter((k) => k !== 'version') }) },
  'DELETE /api/clients/:id/contacts/:contactId': { action: 'client.contact-remove', targetType: 'client-contact', idFrom: { param: 'contactId' }, details: (_b, _a, p) => ({ clientId: p.id }) },
  'POST /api/client-tags': { action: 'client-tag.create', targetType: 'client-tag', idFrom: 'response', details: (b) => pick(b, 'name', 'parentId') },
  'PATCH /api/client-tags/:id': { action: 'client-tag.update', targetType: 'client-tag', details: (b) => pick(b, 'name', 'parentId') },
  'DELETE /api/client-tags/:id': { action: 'client-tag.delete', targetType: 'client-tag' },
  'POST /api/interactions': { action: 'interaction.create', targetType: 'interaction', idFrom: 'response', details: (b) => pick(b, 'clientId', 'kind', 'status', 'employeeId') },
  'PATCH /api/interactions/:id': { action: 'interaction.update', targetType: 'interaction', details: (b) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(b, 'status', 'employeeId') }) },
  // Deals: the client, the stage moves and the outcome; amounts and lines stay on the deal itself.
  'POST /api/deals': { action: 'deal.create', targetType: 'deal', idFrom: 'response', details: (b) => pick(b, 'clientId', 'title', 'stageId', 'ownerId') },
  'PATCH /api/deals/:id': { action: 'deal.update', targetType: 'deal', details: (b, a) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(b, 'stageId', 'ownerId'), ...pick(a, 'version') }) },
  'POST /api/deals/:id/close': { action: 'deal.close', targetType: 'deal', details: (b, a) => ({ ...pick(b, 'outcome', 'reason'), ...(a.lostAtStage ? { lostAtStage: (a.lostAtStage as Json).code } : {}) }) },
  'POST /api/deal-stages': { action: 'deal-stage.create', targetType: 'deal-stage', idFrom: 'response', details: (b) => pick(b, 'code', 'name') },
  'PATCH /api/deal-stages/:id': { action: 'deal-stage.update', targetType: 'deal-stage', details: (b) => ({ fields: Object.keys(b) }) },
  'DELETE /api/deal-stages/:id': { action: 'deal-stage.delete', targetType: 'deal-stage' },
  // Invoices: the client, the number and the money moved; a payment with its document and who reported it.
  'POST /api/invoices': { action: 'invoice.create', targetType: 'invoice', idFrom: 'response', details: (b, a) => ({ ...pick(b, 'clientId', 'dealId', 'draft'), ...pick(a, 'number', 'amount') }) },
  'PATCH /api/invoices/:id': { action: 'invoice.update', targetType: 'invoice', details: (b, a) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(b, 'amount', 'dueDate', 'issue'), ...pick(a, 'version') }) },
  'POST /api/invoices/:id/cancel': { action: 'invoice.cancel', targetType: 'invoice', details: (b) => pick(b, 'reason') },
  'PUT /api/invoices/:id/schedule': { action: 'invoice.schedule', targetType: 'invoice', details: (b) => ({ planned: Array.isArray(b.items) ? b.items.length : 0 }) },
  'POST /api/invoices/:id/payments': { action: 'invoice.payment', targetType: 'invoice', details: (b, a) => ({ ...pick(b, 'amount', 'paidOn', 'documentNumber', 'overpayment'), ...(a.payment ? { paymentId: (a.payment as Json).id } : {}) }) },
  // Imports: the job (its file, then the mapping and its preview's counts, then what the commit made); each imported record has its own entry naming the job.
  'POST /api/imports': { action: 'import.upload', targetType: 'import', idFrom: 'response', details: (_b, a) => pick(a, 'kind', 'fileName', 'rowCount') },
  'PUT /api/imports/:id/mapping': { action: 'import.mapping', targetType: 'import', details: (b, a) => ({ ...pick(b, 'duplicates'), ...pick(a, 'counts') }) },
  'POST /api/imports/:id/commit': { action: 'import.commit', targetType: 'import', details: (_b, a) => pick(a, 'created', 'skippedDuplicates', 'skippedErrors') },
  // Service: the moves of an installation order with their key facts; the register's writes.
  'POST /api/installations': { action: 'installation.create', targetType: 'installation', idFrom: 'response', details: (b) => pick(b, 'clientId', 'dealId', 'contractNumber', 'installBy') },
  'PATCH /api/installations/:id': { action: 'installation.update', targetType: 'installation', details: (b, a) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(a, 'status', 'version') }) },
  'POST /api/installations/:id/accept': { action: 'installation.accept', targetType: 'installation' },
  'POST /api/installations/:id/return': { action: 'installation.return', targetType: 'installation', details: (b) => pick(b, 'missing', 'deadline') },
  'POST /api/installations/:id/schedule': { action: 'installation.schedule', targetType: 'installation', details: (b) => pick(b, 'date', 'engineerId') },
  'POST /api/installations/:id/complete': { action: 'installation.complete', targetType: 'installation', details: (b) => ({ ...pick(b, 'actNumber', 'actDate'), units: Array.isArray(b.equipment) ? b.equipment.length : 0 }) },
  'POST /api/installations/:id/cancel': { action: 'installation.cancel', targetType: 'installation', details: (b) => pick(b, 'reason') },
  'POST /api/equipment': { action: 'equipment.create', targetType: 'equipment', idFrom: 'response', details: (b) => pick(b, 'clientId', 'model', 'serialNumber') },
  'PATCH /api/equipment/:id': { action: 'equipment.update', targetType: 'equipment', details: (b) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(b, 'removedOn') }) },
  'POST /api/service-visits': { action: 'service-visit.create', targetType: 'service-visit', idFrom: 'response', details: (b) => pick(b, 'equipmentId', 'plannedDate', 'engineerId', 'kind') },
  'PATCH /api/service-visits/:id': { action: 'service-visit.update', targetType: 'service-visit', details: (b) => ({ fields: Object.keys(b).filter((k) => k !== 'version') }) },
  'POST /api/consultations': { action: 'consultation.create', targetType: 'consultation', idFrom: 'response', details: (b) => pick(b, 'clientId', 'equipmentId', 'durationMinutes') },
  'PATCH /api/consultations/:id': { action: 'consultation.update', targetType: 'consultation', details: (b) => ({ fields: Object.keys(b).filter((k) => k !== 'version') }) },
  // Complaints: the source, client and departments; status moves and decisions with their kind and citations; messages by count of citations.
  'POST /api/complaints': { action: 'complaint.create', targetType: 'complaint', idFrom: 'response', details: (b, a) => ({ ...pick(b, 'source', 'clientId', 'departments'), ...pick(a, 'number') }) },
  'PATCH /api/complaints/:id': { action: 'complaint.update', targetType: 'complaint', details: (b, a) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(b, 'clientId', 'departments'), ...pick(a, 'version') }) },
  'POST /api/complaints/:id/status': { action: 'complaint.status', targetType: 'complaint', details: (b) => pick(b, 'status', 'comment') },
  'POST /api/complaints/:id/messages': { action: 'complaint.message', targetType: 'complaint', details: (b) => ({ citations: Array.isArray(b.citations) ? b.citations : [] }) },
  'POST /api/complaints/:id/notes': { action: 'complaint.note', targetType: 'complaint' },
  'POST /api/complaints/:id/decision': { action: 'complaint.decide', targetType: 'complaint', details: (b) => ({ ...pick(b, 'kind'), citations: Array.isArray(b.citations) ? b.citations : [] }) },
  'POST /api/kb/articles': { action: 'kb-article.create', targetType: 'kb-article', idFrom: 'response', details: (b) => pick(b, 'title', 'category') },
  'PATCH /api/kb/articles/:id': { action: 'kb-article.update', targetType: 'kb-article', details: (b, a) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(a, 'version') }) },
  'POST /api/mail/templates': { action: 'mail-template.create', targetType: 'mail-template', idFrom: 'response', details: (b) => pick(b, 'name', 'campaignId') },
  'PUT /api/mail/templates/:id': { action: 'mail-template.update', targetType: 'mail-template', details: (b, a) => ({ fields: Object.keys(b).filter((k) => k !== 'version'), ...pick(a, 'version') }) },
  'POST /api/mail/sends/:id/retry': { action: 'mail-send.retry', targetType: 'mail-send', details: (_b, a) => pick(a, 'queued') },
  'POST /api/surveys/questionnaires': { action: 'survey.create', targetType: 'questionnaire', idFrom: 'response', details: (b) => pick(b, 'key', 'name') },
  'PUT /api/surveys/questionnaires/:id': { action: 'survey.update', targetType: 'questionnaire', details: (_b, a) => pick(a, 'revision') },
  'POST /api/surveys/questionnaires/:id/publish': { action: 'survey.publish', targetType: 'questionnaire', details: (_b, a) => pick(a, 'publishedVersion') },
  'POST /api/surveys/rounds': { action: 'survey.round', targetType: 'survey-round', idFrom: 'response', details: (b, a) => ({ ...pick(b, 'questionnaireId', 'channel', 'segment'), ...pick(a, 'invited', 'suppressed') }) },
};

const LOGIN = 'POST /api/auth/login';

export interface AuditInput {
  action: AuditAction;
  targetType?: string | undefined;
  targetId?: string | undefined;
  details?: Json | undefined;
  /** Defaults: the signed-in actor, or anonymous. */
  actor?: string | null | undefined;
  actorKind?: AuditActorKind | undefined;
  actorLabel?: string | null | undefined;
  /** Default: the status answered so far (200 inside a handler). */
  status?: number | undefined;
}

/** Writes one audit entry for this request now; logs and goes on when the write fails. */
export async function recordAudit(c: Context<AppEnv>, entry: AuditInput): Promise<void> {
  const actor = c.get('actor') as AppEnv['Variables']['actor'] | undefined;
  // Another system calling with an integration key is named by the key.
  const integration = c.get('integration');
  const caller = actor
    ? { id: actor.employeeId, kind: 'employee' as const, label: actor.email }
    : integration
      ? { id: integration.keyId, kind: 'api-key' as const, label: integration.name }
      : { id: null, kind: 'anonymous' as const, label: null };
  try {
    await c.var.em.insert(AuditEntry, {
      id: crypto.randomUUID(),
      at: new Date(),
      actor: entry.actor !== undefined ? entry.actor : caller.id,
      actorKind: entry.actorKind ?? caller.kind,
      actorLabel: (entry.actorLabel !== undefined ? entry.actorLabel : caller.label)?.slice(0, 320) ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId?.slice(0, 255) ?? null,
      details: entry.details ?? null,
      ip: clientAddress(c),
      userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null,
      status: entry.status ?? c.res.status,
    });
  } catch (err) {
    console.error(`Could not write the audit entry ${entry.action} for ${c.req.method} ${c.req.path}; the request's answer stands:`, err);
  }
}

async function jsonOf(read: () => Promise<unknown>): Promise<Json> {
  try {
    const value = await read();
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
  } catch {
    return {};
  }
}

export const auditTrail: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return;
  // The route that answered: Hono leaves routeIndex at the last handler it ran. (Not the last
  // matched route: middlewares of sub-apps mounted later, such as `/api/*`, match after it.)
  const key = `${c.req.method} ${routePath(c)}`;
  const rule = AUDITED[key];
  if (!rule) return;
  const status = c.res.status;
  const ok = status >= 200 && status < 300;
  const refusedSignIn = key === LOGIN && (status === 401 || status === 429);
  if ((!ok && !refusedSignIn) || c.res.headers.get('idempotent-replayed') === 'true') return;

  // The validator has read the body already; Hono hands back its cached copy.
  const body = await jsonOf(() => c.req.json());
  if (refusedSignIn) {
    const email = typeof body.email === 'string' ? body.email.toLowerCase() : null;
    await recordAudit(c, { action: 'auth.login-failed', actor: null, actorKind: 'anonymous', actorLabel: email, details: status === 429 ? { blocked: true } : undefined, status });
    return;
  }
  const answer = rule.idFrom === 'response' || key === LOGIN || rule.details ? await jsonOf(() => c.res.clone().json()) : {};
  if (key === LOGIN) {
    const employee = (answer.employee ?? {}) as Json;
    const id = typeof employee.id === 'string' ? employee.id : null;
    const email = typeof employee.email === 'string' ? employee.email : null;
    await recordAudit(c, { action: rule.action, targetType: rule.targetType, targetId: id ?? undefined, actor: id, actorKind: 'employee', actorLabel: email, status });
    return;
  }
  const actor = c.get('actor') as AppEnv['Variables']['actor'] | undefined;
  const fromBody = typeof rule.idFrom === 'object' ? ('body' in rule.idFrom ? body[rule.idFrom.body] : c.req.param(rule.idFrom.param)) : undefined;
  const targetId =
    typeof rule.idFrom === 'object'
      ? (typeof fromBody === 'string' ? fromBody : undefined)
      : rule.idFrom === 'response'
        ? (typeof answer.id === 'string' ? answer.id : undefined)
        : (c.req.param('id') ?? (rule.targetType === 'employee' ? actor?.employeeId : undefined));
  await recordAudit(c, { action: rule.action, targetType: rule.targetType, targetId, details: rule.details?.(body, answer, c.req.param()), status });
};
