// Commits an import job: every row of its preview that is ok (and, when the person chose so, every
// duplicate) is created through the same use cases as by hand - createClient, addContact,
// createDeal - in ONE transaction. Anything that fails on the way (a rule broken since the
// preview, a constraint, a client removed meanwhile) rolls back every row and is reported with
// its row and column: nothing is ever half-imported. Each record gets an audit entry naming the
// job, written in the same transaction.
//
// The job row is locked for the commit, and the result is stored on it: a second commit - also
// one sent at the same moment - waits for the first and answers its result, importing nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { AuditEntry } from '../audit/entities.ts';
import type { ContactFields, ClientFields } from '../clients/client-fields.ts';
import { addContact } from '../clients/add-contact.ts';
import { createClient } from '../clients/create-client.ts';
import { createDeal } from '../deals/create-deal.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { DuplicatePolicy, ImportKind } from './entities.ts';
import { checkImporter } from './import-access.ts';
import type { Preview, PreviewRow } from './preview-import.ts';

export interface ImportResult {
  created: number;
  skippedDuplicates: number;
  skippedErrors: number;
  /** The new records, in file order, with the row each came from. */
  records: { line: number; id: string; label: string }[];
  committedAt: string;
}

/** Rows (by line) between which the commit clears the identity map, so a big file does not pile up memory. */
const BATCH = 200;

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function clientFields(b: Record<string, unknown>): ClientFields {
  const s = (k: string) => orNull(b[k] as string | undefined);
  return {
    name: b.name as string, kind: b.kind as ClientFields['kind'], inn: s('inn'), kpp: s('kpp'), legalAddress: s('legalAddress'), region: s('region'),
    phones: (b.phones as string[] | undefined) ?? [], email: s('email'), website: s('website'), sourceChannel: s('sourceChannel') as ClientFields['sourceChannel'],
    triggeringEvent: null, interest: null, interestReason: null, probability: orNull(b.probability as number | undefined),
    stage: (b.stage as ClientFields['stage'] | undefined) ?? 'potential', notes: s('notes'),
  };
}

function contactFields(b: Record<string, unknown>): ContactFields {
  const birthday = b.birthday as { day: number; month: number; year?: number | null } | undefined;
  return {
    fullName: b.fullName as string, position: orNull(b.position as string | undefined), phones: (b.phones as string[] | undefined) ?? [],
    email: orNull(b.email as string | undefined), birthday: birthday ? { day: birthday.day, month: birthday.month, year: birthday.year ?? null } : null,
    notes: orNull(b.notes as string | undefined), isPrimary: (b.isPrimary as boolean | undefined) ?? false,
  };
}

async function createRow(tx: EntityManager, actor: Actor, kind: ImportKind, r: PreviewRow): Promise<string> {
  const b = r.body;
  if (kind === 'clients') {
    const contacts = ((b.contacts as Record<string, unknown>[] | undefined) ?? []).map(contactFields);
    return createClient(tx, actor, { fields: clientFields(b), ownerId: r.ownerId ?? undefined, contacts, confirmDuplicate: true });
  }
  if (kind === 'contacts') return addContact(tx, actor, r.clientId!, contactFields(b));
  return createDeal(tx, actor, {
    clientId: r.clientId!, title: b.title as string, amount: b.amount as number | undefined, lines: [], plannedCloseDate: orNull(b.plannedCloseDate as string | undefined),
    probability: b.probability as number | undefined, stageId: r.stageId ?? undefined, ownerId: r.ownerId ?? undefined, notes: orNull(b.notes as string | undefined),
  });
}

const AUDIT_ACTION = { clients: 'client.create', contacts: 'client.contact-add', deals: 'deal.create' } as const;
const TARGET = { clients: 'client', contacts: 'client-contact', deals: 'deal' } as const;

export interface CommitContext {
  ip: string | null;
  userAgent: string | null;
  /** Called before each row is created (tests use it to break a commit half-way). */
  beforeRow?: ((line: number) => Promise<void>) | undefined;
}

export async function commitImport(em: EntityManager, actor: Actor, jobId: string, ctx: CommitContext): Promise<ImportResult> {
  checkImporter(actor);
  return em.transactional(async (tx) => {
    const { rows } = await sql<{ kind: ImportKind; status: string; created_by_id: string; preview: Preview | null; duplicates: DuplicatePolicy; result: ImportResult | null }>`
      select kind, status, created_by_id, preview, duplicates, result from import_job where id = ${jobId}::uuid for update`.execute(tx.getKysely());
    const job = rows[0];
    if (!job || job.created_by_id !== actor.employeeId) throw notFound('Import', jobId);
    if (job.status === 'committed' && job.result) return job.result; // the same job committed before: its result, nothing more
    if (!job.preview) throw new DomainError('conflict', 'Send the column mapping first: there is no preview to commit', [{ path: 'mapping', message: 'no mapping yet' }]);

    const take = job.preview.rows.filter((r) => r.status === 'ok' || (r.status === 'duplicate' && job.duplicates === 'import'));
    const records: ImportResult['records'] = [];
    const now = new Date();
    for (const [i, r] of take.entries()) {
      try {
        await ctx.beforeRow?.(r.line);
        records.push({ line: r.line, id: await createRow(tx, actor, job.kind, r), label: r.label });
      } catch (err) {
        const why = err instanceof DomainError ? err : undefined;
        const problems = why?.problems.length ? why.problems.map((p) => ({ path: `rows[${r.line}].${p.path}`, message: p.message })) : [{ path: `rows[${r.line}]`, message: err instanceof Error ? err.message : String(err) }];
        throw new DomainError('conflict', `Row ${r.line} (${r.label}) cannot be imported: ${why?.message ?? (err instanceof Error ? err.message : String(err))}. Nothing was imported.`, problems, { cause: err, extensions: { line: r.line } });
      }
      if ((i + 1) % BATCH === 0) tx.clear();
    }
    const result: ImportResult = {
      created: records.length,
      skippedDuplicates: job.preview.rows.filter((r) => r.status === 'duplicate').length - (job.duplicates === 'import' ? job.preview.counts.duplicates : 0),
      skippedErrors: job.preview.counts.errors,
      records,
      committedAt: now.toISOString(),
    };
    if (records.length) await tx.insertMany(AuditEntry, records.map((rec) => ({
      id: crypto.randomUUID(), at: now, actor: actor.employeeId, actorKind: 'employee', actorLabel: actor.email.slice(0, 320),
      action: AUDIT_ACTION[job.kind], targetType: TARGET[job.kind], targetId: rec.id, details: { importJobId: jobId, line: rec.line },
      ip: ctx.ip, userAgent: ctx.userAgent, status: 200,
    })));
    await sql`update import_job set status = 'committed', result = ${JSON.stringify(result)}::jsonb, committed_at = ${now} where id = ${jobId}::uuid`.execute(tx.getKysely());
    return result;
  });
}
