// Glue that starts a shipped route about a record when the record comes to be (an issued invoice,
// a registered complaint, an installation order opened by hand): only when the company has the
// route published, and only once - no case about the record yet (or none running, for routes a
// record may run again). The idempotency key, when given, derives the case's ids, so a retried
// request starts nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../domain/identity/roles.ts';
import type { CaseRecord } from '../../domain/processes/case-state.ts';
import type { VariableValue } from '../../domain/routes/step-input.ts';
import type { AppDeps } from '../context.ts';
import { startProcess } from './process-store.ts';

export interface StartAboutRecord {
  routeKey: string;
  record: CaseRecord;
  subject: string;
  variables: Record<string, VariableValue>;
  /** `any-case`: never a second case about the record; `running-case`: a new one once the last ended. */
  unless: 'any-case' | 'running-case';
  /** Appended to the idempotency key: the case's ids derive from it (the demo relies on them). */
  keySuffix: string;
}

export async function startRouteAbout(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, actor: Actor, start: StartAboutRecord, idempotencyKey?: string): Promise<void> {
  const { rows } = await sql<{ published: boolean; started: boolean }>`
    select exists(select 1 from route r where r.key = ${start.routeKey} and r.latest_version > 0) as published,
      exists(select 1 from process p where p.record_type = ${start.record.type} and p.record_id = ${start.record.id}::uuid
        ${start.unless === 'running-case' ? sql`and p.status = 'running'` : sql``}) as started`.execute(em.getKysely());
  if (!rows[0]?.published || rows[0].started) return;
  await startProcess(em, deps, actor, { routeKey: start.routeKey, subject: start.subject.slice(0, 255), record: start.record, variables: start.variables },
    idempotencyKey === undefined ? undefined : `${idempotencyKey}:${start.keySuffix}`);
}
