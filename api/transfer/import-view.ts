// The read side of import jobs: one job with a page of its preview (paged inside PostgreSQL, so a
// 20,000-row preview is not carried whole for each page) and the person's own jobs.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { ImportResult } from '../../domain/transfer/commit-import.ts';
import type { DuplicatePolicy, ImportKind, ImportStatus } from '../../domain/transfer/entities.ts';
import { IMPORT_FIELDS } from '../../domain/transfer/import-fields.ts';
import { notFound } from '../../domain/errors.ts';
import { isoTimestamp, isoTimestampOrNull } from '../timestamps.ts';

interface JobRow {
  id: string; kind: ImportKind; file_name: string; format: 'csv' | 'xlsx'; status: ImportStatus; row_count: number;
  counts: { total: number; ok: number; errors: number; duplicates: number } | null; created_at: Date | string; committed_at: Date | string | null;
}

const base = (r: JobRow) => ({
  id: r.id, kind: r.kind, fileName: r.file_name, format: r.format, status: r.status, rowCount: r.row_count, counts: r.counts,
  createdAt: isoTimestamp(r.created_at), committedAt: isoTimestampOrNull(r.committed_at),
});

/** The preview rows as shown: without the bodies and ids the commit uses. */
type ShownRow = { line: number; status: 'ok' | 'error' | 'duplicate'; label: string; problems: { field: string; column: string | null; message: string }[]; duplicates: never[] };

export async function importJobView(em: EntityManager, id: string, page: { status?: 'ok' | 'error' | 'duplicate' | undefined; limit: number; offset: number }) {
  const status = page.status ?? null;
  const { rows } = await sql<JobRow & {
    sheets: string[]; sheet: string | null; columns: string[]; samples: string[][]; mapping: Record<string, number | null>; duplicates: DuplicatePolicy;
    has_preview: boolean; total: string | null; items: ShownRow[] | null; result: ImportResult | null;
  }>`select j.id, j.kind, j.file_name, j.format, j.status, j.row_count, j.counts, j.created_at, j.committed_at, j.sheets, j.sheet, j.columns, j.mapping, j.duplicates, j.result,
      jsonb_path_query_array(j.rows, '$[0 to 2]') as samples,
      j.preview is not null as has_preview,
      (select count(*) from jsonb_array_elements(j.preview->'rows') r where ${status}::text is null or r->>'status' = ${status}) as total,
      (select coalesce(jsonb_agg(x.r - 'body' - 'clientId' - 'ownerId' - 'stageId' order by x.n), '[]'::jsonb) from (
        select r, n from jsonb_array_elements(j.preview->'rows') with ordinality as t(r, n)
        where ${status}::text is null or r->>'status' = ${status} order by n limit ${page.limit} offset ${page.offset}) x) as items
    from import_job j where j.id = ${id}::uuid`.execute(em.getKysely());
  const r = rows[0];
  if (!r) throw notFound('Import', id);
  return {
    ...base(r),
    sheets: r.sheets,
    sheet: r.sheet,
    columns: r.columns.map((header, index) => ({ index, header, samples: r.samples.map((row) => row[index] ?? '') })),
    fields: IMPORT_FIELDS[r.kind].map((f) => ({ key: f.key, required: f.required })),
    mapping: r.mapping,
    duplicates: r.duplicates,
    preview: r.has_preview ? { items: r.items ?? [], total: Number(r.total ?? 0) } : null,
    result: r.result,
  };
}

export async function listImportJobs(em: EntityManager, employeeId: string, f: { kind?: ImportKind | undefined; status?: ImportStatus | undefined; sort: 'createdAt' | '-createdAt'; limit: number; offset: number }) {
  const parts = [sql`created_by_id = ${employeeId}::uuid`];
  if (f.kind) parts.push(sql`kind = ${f.kind}`);
  if (f.status) parts.push(sql`status = ${f.status}`);
  const where = sql.join(parts, sql` and `);
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<JobRow>`select id, kind, file_name, format, status, row_count, counts, created_at, committed_at from import_job where ${where}
      order by ${f.sort === 'createdAt' ? sql`created_at asc, id asc` : sql`created_at desc, id desc`} limit ${f.limit} offset ${f.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from import_job where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(base), total: Number(counted.rows[0]?.total ?? 0) };
}
