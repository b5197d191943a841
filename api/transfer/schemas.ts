// Shapes of the import and export API.
import { z } from '@hono/zod-openapi';
import { DUPLICATE_POLICIES, IMPORT_KINDS, IMPORT_STATUSES } from '../../domain/transfer/entities.ts';

export const uploadSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS).openapi({ description: 'clients (with a contact person each), contacts (to existing clients) or deals' }),
    file: z.custom<File>((v) => v instanceof File, 'attach the file (CSV or XLSX) as the form field "file"').openapi({ type: 'string', format: 'binary', description: 'CSV (UTF-8 or Windows-1251, ";" or ",") or XLSX, at most 10 MB and 20,000 rows' }),
    sheet: z.string().min(1).max(255).optional().openapi({ description: 'The XLSX sheet to read; default the first' }),
  })
  .openapi('ImportUpload');

const mappingSchema = z.record(z.string().max(50), z.number().int().min(0).max(99).nullable()).openapi({ description: 'Field -> column index (0-based); null leaves the field out', example: { name: 0, inn: 1 } });

export const mappingBodySchema = z
  .object({
    mapping: mappingSchema,
    duplicates: z.enum(DUPLICATE_POLICIES).default('skip').openapi({ description: 'skip: rows that look like an existing client or an earlier row are left out; import: they are imported too' }),
  })
  .strict()
  .openapi('ImportMapping');

const cellProblem = z.object({ field: z.string(), column: z.string().nullable(), message: z.string() });
const duplicateOf = z.object({
  of: z.enum(['client', 'row']), clientId: z.uuid().nullable(), name: z.string().nullable(), line: z.number().int().nullable(),
  field: z.enum(['inn', 'phone', 'email', 'title']), value: z.string(),
});

export const previewRowSchema = z
  .object({
    line: z.number().int().openapi({ description: 'The row number as the spreadsheet shows it (the header is row 1)' }),
    status: z.enum(['ok', 'error', 'duplicate']),
    label: z.string(),
    problems: z.array(cellProblem),
    duplicates: z.array(duplicateOf),
  })
  .openapi('ImportPreviewRow');

const counts = z.object({ total: z.number().int(), ok: z.number().int(), errors: z.number().int(), duplicates: z.number().int() });

export const importResultSchema = z
  .object({
    created: z.number().int(),
    skippedDuplicates: z.number().int(),
    skippedErrors: z.number().int(),
    records: z.array(z.object({ line: z.number().int(), id: z.uuid(), label: z.string() })),
    committedAt: z.iso.datetime(),
  })
  .openapi('ImportResult');

const jobBase = {
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(IMPORT_STATUSES),
  rowCount: z.number().int(),
  counts: counts.nullable(),
  createdAt: z.iso.datetime(),
  committedAt: z.iso.datetime().nullable(),
};

export const importListItemSchema = z.object(jobBase).openapi('ImportListItem');

export const importJobSchema = z
  .object({
    ...jobBase,
    sheets: z.array(z.string()),
    sheet: z.string().nullable(),
    columns: z.array(z.object({ index: z.number().int(), header: z.string(), samples: z.array(z.string()) })),
    fields: z.array(z.object({ key: z.string(), required: z.boolean() })).openapi({ description: 'What this kind of import takes' }),
    mapping: mappingSchema,
    duplicates: z.enum(DUPLICATE_POLICIES),
    preview: z.object({ items: z.array(previewRowSchema), total: z.number().int() }).nullable().openapi({ description: 'A page of the preview (null before a mapping is sent)' }),
    result: importResultSchema.nullable(),
  })
  .openapi('ImportJob');

export const jobQuery = z.object({
  status: z.enum(['ok', 'error', 'duplicate']).optional().openapi({ description: 'Only preview rows with this outcome' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const listImportsQuery = z.object({
  kind: z.enum(IMPORT_KINDS).optional(),
  status: z.enum(IMPORT_STATUSES).optional(),
  sort: z.enum(['createdAt', '-createdAt']).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const exportFormat = {
  format: z.enum(['csv', 'xlsx']).default('csv').openapi({ description: 'csv: UTF-8 with a BOM, ";" between fields (Excel opens it in Russian); xlsx: a workbook' }),
  lang: z.enum(['ru', 'en']).default('ru').openapi({ description: 'Language of the header row' }),
};
