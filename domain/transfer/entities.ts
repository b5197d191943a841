// An import job: one uploaded file (kept as it came, with the table read from it), the column
// mapping a person chose, the preview computed from both, and - once committed - what it made.
// Keeping the job lets a preview be committed later, and makes a second commit answer the first
// one's result instead of importing the file twice.
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const IMPORT_KINDS = ['clients', 'contacts', 'deals'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['uploaded', 'previewed', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What to do with rows that look like an existing client or another row of the file. */
export const DUPLICATE_POLICIES = ['skip', 'import'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

export const ImportJob = defineEntity({
  name: 'ImportJob',
  extends: BaseEntity,
  // "My imports", newest first.
  indexes: [{ properties: ['createdBy', 'createdAt'] }],
  properties: {
    kind: p.enum([...IMPORT_KINDS]),
    fileName: p.string().length(255),
    format: p.string().length(8),
    /** The file as uploaded, so what was imported can be checked against its source later. */
    file: p.blob(),
    /** The XLSX sheets (empty for CSV) and the one read. */
    sheets: p.json<string[]>(),
    sheet: p.string().length(255).nullable(),
    /** Header cells of the table, in column order. */
    columns: p.json<string[]>(),
    /** The table's data rows as text cells (the header row excluded). */
    rows: p.json<string[][]>(),
    rowCount: p.integer(),
    /** Field -> column index; null or absent when the field is not imported. */
    mapping: p.json<Record<string, number | null>>(),
    duplicates: p.enum([...DUPLICATE_POLICIES]).default('skip'),
    status: p.enum([...IMPORT_STATUSES]).default('uploaded'),
    /** Per-row outcome of the last preview (see preview-import.ts). */
    preview: p.json<unknown>().nullable(),
    /** Counts of the last preview: ok, errors, duplicates. */
    counts: p.json<Record<string, number>>().nullable(),
    /** What the commit made: counts and the new records' ids. */
    result: p.json<unknown>().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    committedAt: p.datetime().nullable(),
  },
});
