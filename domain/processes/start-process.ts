// Starting a case: the route's published version is run up to the steps where people come in,
// those steps are opened in the same transaction that writes the case row, and the workflow is
// started with that state - so the answer names the first open steps, and the engine is asked
// once. Ids come from the caller: with an idempotency key they are derived from it, so a start
// retried after a dropped connection or a crash writes the same rows and finds the same workflow.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Process, Route, RouteVersion } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkVariables, type FormValue } from '../routes/step-input.ts';
import { applyTransition } from './apply-transition.ts';
import type { CaseEngine } from './case-engine.ts';
import { CaseMachine, stepView } from './case-machine.ts';
import { workflowIdFor, type CaseLimits, type ProcessInput } from './process-input.ts';

export interface StartProcessOptions {
  routeId?: string | undefined;
  routeKey?: string | undefined;
  version?: number | undefined;
  subject: string;
  variables: Record<string, FormValue>;
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

async function publishedVersion(em: EntityManager, opts: StartProcessOptions) {
  const route = await em.findOne(Route, opts.routeId ? { id: opts.routeId } : { key: opts.routeKey ?? '' });
  if (!route) throw notFound('Route', opts.routeId ?? opts.routeKey ?? '');
  const wanted = opts.version ?? route.latestVersion;
  const version = wanted > 0 ? await em.findOne(RouteVersion, { route: route.id, version: wanted }) : null;
  if (version) return { route, version };
  if (opts.version !== undefined) throw new DomainError('not_found', `Route ${route.key} has no version ${opts.version}`);
  // A route that exists but was never published cannot be started: the request breaks a rule.
  throw new DomainError('unprocessable', `Route ${route.key} has never been published`, [{ path: 'routeId', message: 'has no published version' }]);
}

export async function startProcess(deps: StartProcessDeps, actor: Actor, opts: StartProcessOptions) {
  const { em, engine, ids } = deps;
  const { route, version } = await publishedVersion(em, opts);
  const problems = checkVariables(version.definition, opts.variables);
  if (problems.length) throw new DomainError('unprocessable', 'The case cannot be started with these variables', problems);

  const processId = ids.processId;
  const input: ProcessInput = {
    processId,
    route: { id: route.id, key: route.key, versionId: version.id, version: version.version },
    definition: version.definition,
    subject: opts.subject,
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
  const inserted = await em.transactional(async (tx) => {
    const fresh = await tx
      .createQueryBuilder(Process)
      .insert({ id: processId, workflowId: workflowIdFor(processId), routeVersion: version.id, subject: opts.subject, variables: opts.variables, status: 'running', startedBy: actor.employeeId, startedAt: now })
      .onConflict('id')
      .ignore()
      .execute<{ affectedRows: number }>('run');
    const existing = fresh.affectedRows === 0 ? await tx.findOneOrFail(Process, processId, { fields: ['startedBy'] }) : undefined;
    if (existing && existing.startedBy.id !== actor.employeeId) throw new DomainError('conflict', 'This case id is taken');
    const applied = await applyTransition(tx, { processId, subject: opts.subject }, effects);
    machine.applyResult(applied);
    mailKeys.push(...applied.mailKeys);
    return fresh.affectedRows > 0;
  });
  try {
    await engine.start({ ...input, resume: machine.state });
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
