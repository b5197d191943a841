// Starting a case: the route's published version is run up to the steps where people come in,
// those steps are opened in the same transaction that writes the case row, and the workflow is
// started with that state - so the answer names the first open steps, and the engine is asked
// once. Ids come from the caller: with an idempotency key they are derived from it, so a start
// retried after a dropped connection or a crash writes the same rows and finds the same workflow.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Process } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkRecordVisible } from '../records/record-types.ts';
import { checkVariables, type VariableValue } from '../routes/step-input.ts';
import type { CaseRecord } from './case-state.ts';
import { applyTransition } from './apply-transition.ts';
import type { CaseEngine } from './case-engine.ts';
import { CaseMachine, stepView } from './case-machine.ts';
import { workflowIdFor, type CaseLimits, type ProcessInput } from './process-input.ts';

export interface StartProcessOptions {
  routeId?: string | undefined;
  routeKey?: string | undefined;
  version?: number | undefined;
  subject: string;
  /** The record the case is about (a deal); the starter must see it. */
  record?: CaseRecord | undefined;
  variables: Record<string, VariableValue>;
}

export interface StartProcessDeps {
  em: EntityManager;
  /** Only `start` is used here. */
  engine: Pick<CaseEngine, 'start'>;
  limits?: Partial<CaseLimits> | undefined;
  /** The engine's clock (Temporal's time-skipping test server runs ahead of the wall clock). */
  now?: (() => Date) | undefined;
  /** The case's id, and a source of ids for what it opens (stable when derived from a key). */
  ids: { processId: string; newId(): string };
}

interface PublishedVersion {
  route: { id: string; key: string; name: string };
  version: { id: string; version: number; definition: ProcessInput['definition'] };
}

/** The route and the version to start, in one statement (the latest unless one is asked for). */
async function publishedVersion(em: EntityManager, opts: StartProcessOptions): Promise<PublishedVersion> {
  const [row] = await em.execute<{ route_id: string; key: string; name: string; version_id: string | null; version: number | null; definition: ProcessInput['definition'] | null }[]>(
    `select r.id as route_id, r.key, r.name, v.id as version_id, v.version, v.definition
       from route r left join route_version v on v.route_id = r.id and v.version = coalesce(?, r.latest_version)
      where ${opts.routeId ? 'r.id = ?' : 'r.key = ?'}`,
    [opts.version ?? null, opts.routeId ?? opts.routeKey ?? ''],
  );
  if (!row) throw notFound('Route', opts.routeId ?? opts.routeKey ?? '');
  const route = { id: row.route_id, key: row.key, name: row.name };
  if (row.version_id && row.version !== null && row.definition) return { route, version: { id: row.version_id, version: row.version, definition: row.definition } };
  if (opts.version !== undefined) throw new DomainError('not_found', `Route ${route.key} has no version ${opts.version}`);
  // A route that exists but was never published cannot be started: the request breaks a rule.
  throw new DomainError('unprocessable', `Route ${route.key} has never been published`, [{ path: 'routeId', message: 'has no published version' }]);
}

export async function startProcess(deps: StartProcessDeps, actor: Actor, opts: StartProcessOptions) {
  const { em, engine, ids } = deps;
  const { route, version } = await publishedVersion(em, opts);
  const problems = checkVariables(version.definition, opts.variables);
  if (problems.length) throw new DomainError('unprocessable', 'The case cannot be started with these variables', problems);
  if (opts.record) {
    await checkRecordVisible(em, actor, opts.record);
    const wanted = version.definition.language === 'route/v1' ? version.definition.subject : undefined;
    if (wanted !== undefined && wanted !== opts.record.type) {
      throw new DomainError('unprocessable', `Route ${route.key} is about a ${wanted}, not a ${opts.record.type}`, [{ path: 'record.type', message: `this route's cases are about a ${wanted}` }]);
    }
  }

  const processId = ids.processId;
  const input: ProcessInput = {
    processId,
    route: { id: route.id, key: route.key, versionId: version.id, version: version.version },
    definition: version.definition,
    subject: opts.subject,
    ...(opts.record ? { record: { type: opts.record.type, id: opts.record.id } } : {}),
    variables: opts.variables,
    startedBy: actor.employeeId,
    depth: 0,
    ...(deps.limits ? { limits: { ...deps.limits } as CaseLimits } : {}),
  };
  const now = deps.now?.() ?? new Date();
  const machine = new CaseMachine(input, { now: () => now, newId: () => ids.newId() });
  machine.begin();
  const { effects } = machine.takeJournal();

  const mailKeys: string[] = [];
  const current = machine.state.open;
  const inserted = await em.transactional(async (tx) => {
    const fresh = await tx
      .createQueryBuilder(Process)
      .insert({
        id: processId,
        workflowId: workflowIdFor(processId),
        routeVersion: version.id,
        subject: opts.subject,
        recordType: opts.record?.type ?? null,
        recordId: opts.record?.id ?? null,
        variables: opts.variables,
        status: 'running',
        startedBy: actor.employeeId,
        startedAt: now,
        currentStepId: current[0]?.stepId ?? null,
        currentStepName: current.length ? current.map((o) => o.stepName).join(', ').slice(0, 255) : null,
      })
      .onConflict('id')
      .ignore()
      .execute<{ affectedRows: number }>('run');
    const existing = fresh.affectedRows === 0 ? await tx.findOneOrFail(Process, processId, { fields: ['startedBy'] }) : undefined;
    if (existing && existing.startedBy.id !== actor.employeeId) throw new DomainError('conflict', 'This case id is taken');
    // A case row written just now already names its current steps, and nobody can have closed it.
    const isNew = fresh.affectedRows > 0;
    const applied = await applyTransition(tx, { processId, subject: opts.subject, caseIsNew: isNew }, isNew ? effects.filter((e) => e.type !== 'current') : effects);
    machine.applyResult(applied);
    mailKeys.push(...applied.mailKeys);
    return fresh.affectedRows > 0;
  });
  // What the first batch's results led to (a foreach's first window once its list is known) is
  // recorded by the workflow, first thing.
  const pending = machine.takeJournal().effects;
  try {
    await engine.start({ ...input, resume: machine.state, ...(pending.length ? { pending } : {}) });
  } catch (err) {
    // Nothing runs for these rows: remove what this call wrote rather than leave a case that never moves.
    if (inserted) await discardProcess(em, processId, mailKeys);
    throw err;
  }
  const ended = machine.ended;
  const first = machine.state.open[0];
  return {
    summary: {
      id: processId,
      subject: opts.subject,
      record: opts.record ? { type: opts.record.type, id: opts.record.id, label: null } : null,
      status: ended?.status ?? ('running' as const),
      route: { id: route.id, key: route.key, name: route.name, version: version.version, versionId: version.id },
      currentStep: first ? { id: first.stepId, name: first.stepName } : null,
      startedBy: actor.employeeId,
      startedAt: now.toISOString(),
      endedAt: ended ? now.toISOString() : null,
    },
    variables: opts.variables,
    openSteps: machine.state.open.map(stepView),
    mailKeys,
  };
}

async function discardProcess(em: EntityManager, processId: string, mailKeys: string[]): Promise<void> {
  await em.transactional(async (tx) => {
    for (const table of ['notification', 'step_event', 'assignment']) {
      await tx.execute(`delete from ${table} where process_id in (select id from process where id = ? or parent_id = ?)`, [processId, processId]);
    }
    if (mailKeys.length > 0) await tx.execute(`delete from mail_message where key in (${mailKeys.map(() => '?').join(', ')})`, mailKeys);
    await tx.execute('delete from process where parent_id = ?', [processId]);
    await tx.execute('delete from process where id = ?', [processId]);
  });
}
