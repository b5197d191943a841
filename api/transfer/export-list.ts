// Exports any list as CSV or XLSX - the generic piece other lists reuse: give it a function that
// reads one page of the list (the list endpoint's own reader, so the same filters and the same
// visibility rule apply: a person exports exactly what the list shows them) and the columns.
// Pages are read one after another while the answer streams out, so 100,000 rows never sit in
// memory at once. Each export is audited (who, which list, the filters, how many rows) before
// the first byte goes out.
//
// CSV is UTF-8 with a BOM and ";" between fields: what Excel in a Russian locale opens without
// an import dialog. The import reads it back (same header names).
import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { recordAudit } from '../audit/audit-trail.ts';

export type Cell = string | number | boolean | null;

export interface ExportColumn<T> {
  /** The header in Russian and in English. */
  ru: string;
  en: string;
  value: (item: T) => Cell;
}

export interface ExportSpec<T> {
  /** The list's name: the file name and the audit entry say it. */
  list: string;
  columns: ExportColumn<T>[];
  /** One page of the list as its endpoint reads it (filters and visibility included). */
  page: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>;
  /** The filters as given, for the audit entry. */
  filters: Record<string, unknown>;
}

export const EXPORT_PAGE = 1000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The pages of a list, one after another, until one comes back short. */
async function* pages<T>(spec: ExportSpec<T>, first: T[]): AsyncGenerator<T[]> {
  let items = first;
  let offset = 0;
  while (items.length) {
    yield items;
    if (items.length < EXPORT_PAGE) return;
    offset += EXPORT_PAGE;
    items = (await spec.page(offset, EXPORT_PAGE)).items;
  }
}

function csvStream<T>(spec: ExportSpec<T>, first: T[], lang: 'ru' | 'en'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = pages(spec, first);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([spec.columns.map((col) => col[lang])], { delimiter: ';' })}`));
        return;
      }
      const next = await it.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(stringify(next.value.map((item) => spec.columns.map((col) => col.value(item))), { delimiter: ';', cast: { boolean: (b) => (b ? '1' : '0') } })));
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}

function xlsxStream<T>(spec: ExportSpec<T>, first: T[], lang: 'ru' | 'en'): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(spec.list);
  sheet.columns = spec.columns.map((col) => ({ header: col[lang], width: 20 }));
  void (async () => {
    try {
      for await (const page of pages(spec, first)) {
        for (const item of page) sheet.addRow(spec.columns.map((col) => col.value(item))).commit();
        // Let the reader catch up before the next page is read.
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export async function exportList<T>(c: Context<AppEnv>, spec: ExportSpec<T>, format: 'csv' | 'xlsx', lang: 'ru' | 'en'): Promise<Response> {
  // The first page is read before answering: a refused filter or a database error is still a proper error answer.
  const first = await spec.page(0, EXPORT_PAGE);
  await recordAudit(c, { action: 'export', targetType: spec.list, details: { list: spec.list, format, filters: spec.filters, rows: first.total }, status: 200 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(format === 'csv' ? csvStream(spec, first.items, lang) : xlsxStream(spec, first.items, lang), {
    status: 200,
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      'content-disposition': `attachment; filename="${spec.list}-${day}.${format}"`,
      'x-total-count': String(first.total),
    },
  });
}

/** The OpenAPI description of an export's answer. */
export const exportResponses = {
  200: {
    description: 'The file, streamed; X-Total-Count says how many rows it holds',
    content: {
      'text/csv': { schema: { type: 'string' as const } },
      [XLSX_TYPE]: { schema: { type: 'string' as const, format: 'binary' } },
    },
  },
};
