// Who may import: sellers, their managers, management and admins. What an import creates obeys
// the same rules as creating by hand: a client's owner is the importer or one of their reports
// (anyone for management and admins); contacts and deals go only to clients the importer may
// change; a deal owned by someone else needs a manager above them, management or an admin.
// A job is seen only by the person who uploaded it: it holds their file.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';

export const IMPORTERS = ['sales', 'manager', 'management', 'admin'] as const;

export function checkImporter(actor: Actor): void {
  if (!hasAnyRole(actor, IMPORTERS)) throw new DomainError('forbidden', 'Importing is for sales, their managers, management and admins');
}

export interface JobRow {
  id: string;
  kind: 'clients' | 'contacts' | 'deals';
  status: 'uploaded' | 'previewed' | 'committed';
  created_by_id: string;
}

/** The job, when the actor uploaded it; not_found otherwise (another person's file is not revealed). */
export async function ownJob(em: EntityManager, actor: Actor, id: string): Promise<JobRow> {
  checkImporter(actor);
  const { rows } = await sql<JobRow>`select id, kind, status, created_by_id from import_job where id = ${id}::uuid`.execute(em.getKysely());
  const job = rows[0];
  if (!job || job.created_by_id !== actor.employeeId) throw notFound('Import', id);
  return job;
}
