// Every report table leaves the browser as CSV or XLSX with the rows it shows. CSV is written for
// Russian Excel: a BOM (so Cyrillic opens as UTF-8), ";" between fields and a decimal comma in
// Russian (Excel in a ru-RU locale reads "1234,5" as a number and "1234.5" as text).

export type Cell = string | number | null;

export interface ExportColumn<R> {
  /** The column's header as the table shows it. */
  label: string;
  value: (row: R) => Cell;
}

export interface ExportTable<R> {
  /** A short name of the report and table, e.g. "revenue-by-day". */
  name: string;
  columns: ExportColumn<R>[];
  rows: readonly R[];
}

/** A cell's text in CSV. Text that a spreadsheet would run as a formula gets a leading apostrophe. */
function csvCell(v: Cell, lang: string): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    const s = String(v);
    return lang === 'en' ? s : s.replace('.', ',');
  }
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<R>(table: ExportTable<R>, lang: string): string {
  const lines = [table.columns.map((c) => csvCell(c.label, lang)), ...table.rows.map((r) => table.columns.map((c) => csvCell(c.value(r), lang)))];
  return `\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`;
}

/** "daily-revenue_2026-11-01_2026-11-24.csv": the report and the period it covers. */
export function exportFileName(name: string, period: { from?: string | undefined; to?: string | undefined }, ext: 'csv' | 'xlsx'): string {
  const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'report';
  const span = [period.from, period.to].filter(Boolean).join('_');
  return `${safe}${span ? `_${span}` : ''}.${ext}`;
}

/** The workbook's bytes; exceljs is loaded on demand so it stays out of the page's bundle. */
export async function toXlsx<R>(table: ExportTable<R>, sheetName: string): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  // Excel refuses sheet names over 31 characters or with []:*?/\.
  const ws = wb.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Report');
  ws.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  for (const r of table.rows) ws.addRow(table.columns.map((c) => c.value(r)));
  ws.columns.forEach((col, i) => {
    const widest = Math.max(String(table.columns[i]?.label ?? '').length, ...table.rows.slice(0, 200).map((r) => String(table.columns[i]?.value(r) ?? '').length));
    col.width = Math.min(60, Math.max(8, widest + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return wb.xlsx.writeBuffer();
}

export function download(data: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
