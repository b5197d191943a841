// Reads an uploaded file into a table of text cells: CSV in UTF-8 (with or without a BOM) or
// Windows-1251 (what Russian Excel and 1C save), separated by `;` or `,`; or an XLSX workbook's
// first sheet or a chosen one. The first non-empty row is the header. Limits are checked here so
// a person hears "too many rows" before anything else is done with the file.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../errors.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 100;
/** A cell longer than this is cut short only in error messages; in the table it is kept and zod refuses it. */
const MAX_CELL = 20_000;

export interface Table {
  format: 'csv' | 'xlsx';
  sheets: string[];
  sheet: string | null;
  columns: string[];
  rows: string[][];
}

const refuse = (message: string, path = 'file'): DomainError => new DomainError('invalid_input', message, [{ path, message }]);

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1251. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** `;` or `,`: whichever appears more often outside quotes in the first line. */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

const isXlsx = (bytes: Uint8Array, fileName: string): boolean =>
  /\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);

/** Header and data rows from raw rows: empty rows dropped, cells trimmed, rows padded to the header. */
function toTable(raw: string[][], base: Omit<Table, 'columns' | 'rows'>): Table {
  const rows = raw.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
  const header = rows.shift();
  if (!header) throw refuse('The file has no rows: the first row should name the columns');
  while (header.length && header[header.length - 1] === '') header.pop();
  if (header.length > MAX_COLUMNS) throw refuse(`The file has ${header.length} columns; at most ${MAX_COLUMNS} are read`);
  if (rows.length > MAX_ROWS) throw refuse(`The file has ${rows.length} rows; at most ${MAX_ROWS} are imported at once. Split it into several files`);
  const columns = header.map((h, i) => h || `#${i + 1}`);
  return { ...base, columns, rows: rows.map((r) => columns.map((_, i) => (r[i] ?? '').slice(0, MAX_CELL + 1))) };
}

function readCsv(bytes: Uint8Array): Table {
  const { text } = decodeText(bytes);
  let raw: string[][];
  try {
    // Without `columns`, csv-parse answers arrays of strings.
    raw = parse(text, { delimiter: detectDelimiter(text), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
  } catch (err) {
    throw refuse(`The CSV file cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  return toTable(raw, { format: 'csv', sheets: [], sheet: null });
}

/** A cell as text: dates as YYYY-MM-DD, numbers as written, formulas by their result, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text; // a hyperlink
  if ('result' in value) return cellText(value.result);
  if ('error' in value) return '';
  return '';
}

async function readXlsx(bytes: Uint8Array, sheetName: string | undefined): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw refuse(`The XLSX file cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.worksheets.find((w) => w.name === sheetName);
  if (!sheet) throw refuse(sheetName === undefined ? 'The workbook has no sheets' : `The workbook has no sheet "${sheetName}": it has ${sheets.join(', ')}`, 'sheet');
  if (sheet.rowCount > MAX_ROWS + 1) throw refuse(`The sheet has ${sheet.rowCount - 1} rows; at most ${MAX_ROWS} are imported at once. Split it into several files`);
  const raw: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    raw.push(Array.from(cells, (c) => c ?? ''));
  });
  return toTable(raw, { format: 'xlsx', sheets, sheet: sheet.name });
}

export async function readTable(bytes: Uint8Array, fileName: string, sheet?: string): Promise<Table> {
  if (bytes.byteLength === 0) throw refuse('The file is empty');
  if (bytes.byteLength > MAX_FILE_BYTES) throw refuse(`The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; at most 10 MB are accepted`);
  return isXlsx(bytes, fileName) ? readXlsx(bytes, sheet) : readCsv(bytes);
}
