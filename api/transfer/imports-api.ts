// Imports of clients (each with a contact person), contact persons and deals from CSV or XLSX:
// upload (the table and a suggested mapping), mapping (the preview: every row ok, an error naming
// its column, or a duplicate), commit (all valid rows in one transaction, or nothing; a second
// commit answers the first one's result). A job is its uploader's only.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { commitImport } from '../../domain/transfer/commit-import.ts';
import { ImportJob, type ImportKind } from '../../domain/transfer/entities.ts';
import { checkImporter, ownJob } from '../../domain/transfer/import-access.ts';
import { mappingProblems, suggestMapping } from '../../domain/transfer/import-fields.ts';
import { previewImport } from '../../domain/transfer/preview-import.ts';
import { MAX_FILE_BYTES, readTable } from '../../domain/transfer/read-table.ts';
import { sql } from 'kysely';
import { clientAddress } from '../auth/client-address.ts';
import { newClientSchema, newContactSchema } from '../clients/schemas.ts';
import type { AppEnv } from '../context.ts';
import { newDealSchema } from '../deals/schemas.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { importJobView, listImportJobs } from './import-view.ts';
import { importJobSchema, importListItemSchema, importResultSchema, jobQuery, listImportsQuery, mappingBodySchema, uploadSchema } from './schemas.ts';

/** The create endpoints' own bodies, less what the import resolves itself (owner, client, stage). */
const ROW_SCHEMAS: Record<ImportKind, z.ZodType> = {
  clients: newClientSchema.omit({ ownerId: true, tagIds: true, confirmDuplicate: true }),
  contacts: newContactSchema,
  deals: newDealSchema.omit({ clientId: true, lines: true, stageId: true, ownerId: true }),
};

const FIRST_PAGE = { limit: 100, offset: 0 };

export const importsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Import and export'], summary: 'Your import jobs, newest first',
      request: { query: listImportsQuery },
      responses: { 200: { description: 'A page of your imports', ...json(z.object({ items: z.array(importListItemSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      checkImporter(c.var.actor);
      return c.json(await listImportJobs(c.var.em, c.var.actor.employeeId, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Import and export'], summary: 'Upload a CSV or XLSX file to import: answers its columns and a suggested mapping',
      request: { body: { required: true, content: { 'multipart/form-data': { schema: uploadSchema } } } },
      responses: { 201: { description: 'The import job', ...json(importJobSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      checkImporter(actor);
      const { kind, file, sheet } = c.req.valid('form');
      if (file.size > MAX_FILE_BYTES) throw new DomainError('invalid_input', 'The file is larger than 10 MB', [{ path: 'file', message: 'at most 10 MB' }]);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const table = await readTable(bytes, file.name, sheet);
      const id = idempotencyKey === undefined ? crypto.randomUUID() : deriveId(actor.employeeId, idempotencyKey, 'import.upload');
      await em.insert(ImportJob, {
        id, kind, fileName: (file.name || 'upload').slice(0, 255), format: table.format, file: Buffer.from(bytes), sheets: table.sheets, sheet: table.sheet,
        columns: table.columns, rows: table.rows, rowCount: table.rows.length, mapping: suggestMapping(kind, table.columns), duplicates: 'skip',
        status: 'uploaded', preview: null, counts: null, result: null, createdBy: actor.employeeId, createdAt: new Date(), committedAt: null,
      });
      return c.json(await importJobView(em, id, FIRST_PAGE), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Import and export'], summary: 'An import job: its columns, mapping, a page of the preview and, once committed, the result',
      request: { params: idParamSchema, query: jobQuery },
      responses: { 200: { description: 'The job', ...json(importJobSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await ownJob(c.var.em, c.var.actor, id);
      return c.json(await importJobView(c.var.em, id, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put', path: '/{id}/mapping', tags: ['Import and export'], summary: 'Choose which column holds each field: answers the preview (each row ok, an error naming its column, or a duplicate)',
      request: { params: idParamSchema, ...jsonBody(mappingBodySchema) },
      responses: { 200: { description: 'The job with the first page of its preview', ...json(importJobSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const { mapping, duplicates } = c.req.valid('json');
      const job = await ownJob(em, actor, id);
      if (job.status === 'committed') throw new DomainError('conflict', 'This import is committed already; upload the file again to import it anew');
      const { rows } = await sql<{ columns: string[]; rows: string[][] }>`select columns, rows from import_job where id = ${id}::uuid`.execute(em.getKysely());
      const table = rows[0]!;
      const problemList = mappingProblems(job.kind, mapping, table.columns.length);
      if (problemList.length) throw new DomainError('invalid_input', 'The mapping is not complete', problemList);
      const preview = await previewImport(em, actor, { kind: job.kind, columns: table.columns, rows: table.rows, mapping }, ROW_SCHEMAS);
      await sql`update import_job set mapping = ${JSON.stringify(mapping)}::jsonb, duplicates = ${duplicates}, preview = ${JSON.stringify(preview)}::jsonb,
        counts = ${JSON.stringify(preview.counts)}::jsonb, status = 'previewed' where id = ${id}::uuid and status <> 'committed'`.execute(em.getKysely());
      return c.json(await importJobView(em, id, FIRST_PAGE), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/commit', tags: ['Import and export'], summary: 'Import the previewed rows: all in one transaction or none; committing again answers the first result',
      request: { params: idParamSchema },
      responses: {
        200: { description: 'What was imported', ...json(importResultSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await commitImport(c.var.em, c.var.actor, id, { ip: clientAddress(c), userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null }), 200);
    },
  );
