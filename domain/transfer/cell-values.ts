// Turns the text of a spreadsheet cell into the value the create endpoints take: phones split,
// rubles into kopecks, Russian and ISO dates, yes/no, and the fixed lists (kind, stage, source
// channel) by their code or their Russian or English name. A value that cannot be read is passed
// on as text, so the same zod check as the API's names what is wrong with it.
import { CLIENT_STAGES, SOURCE_CHANNELS, type ClientKind } from '../clients/entities.ts';
import { normalHeader } from './import-fields.ts';

export const phonesOf = (cell: string): string[] => cell.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);

/** Rubles as written ("1 234 567,89", "1234567.89 руб.") in kopecks; undefined when it is not a sum. */
export function kopecksOf(cell: string): number | undefined {
  const cleaned = cell.replace(/[\s\u00a0]/g, '').replace(/(руб\.?|р\.|₽|rub)$/i, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

/** An integer as written, or the text itself (zod then says it is not a number). */
export const integerOf = (cell: string): number | string => (/^-?\d+$/.test(cell.replace(/[\s%]/g, '')) ? Number(cell.replace(/[\s%]/g, '')) : cell);

/** YYYY-MM-DD from "2026-12-20", "20.12.2026" or "20/12/2026"; the text itself otherwise. */
export function isoDateOf(cell: string): string {
  const ru = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(cell);
  if (ru) return `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}/.test(cell) ? cell.slice(0, 10) : cell;
}

/** A birthday: "20.12.1980", "1980-12-20" or "20.12" (year unknown). */
export function birthdayOf(cell: string): { day: number; month: number; year: number | null } | string {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell.slice(0, 10));
  if (full) return { day: Number(full[3]), month: Number(full[2]), year: Number(full[1]) };
  const ru = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$/.exec(cell);
  if (ru) return { day: Number(ru[1]), month: Number(ru[2]), year: ru[3] ? Number(ru[3]) : null };
  return cell;
}

const YES = new Set(['да', 'yes', 'true', '1', 'x', '+', 'основной', 'primary']);
const NO = new Set(['нет', 'no', 'false', '0', '-', '']);
export const booleanOf = (cell: string): boolean | string => (YES.has(normalHeader(cell) || cell.trim()) ? true : NO.has(normalHeader(cell)) ? false : cell);

function byName<T extends string>(codes: readonly T[], names: Record<T, string[]>, cell: string): T | string {
  const n = normalHeader(cell);
  for (const code of codes) if (normalHeader(code) === n || names[code].some((name) => normalHeader(name) === n)) return code;
  return cell;
}

const KIND_NAMES: Record<ClientKind, string[]> = {
  legal: ['организация', 'юрлицо', 'юр лицо', 'юридическое лицо', 'ооо', 'ао', 'зао', 'пао', 'company', 'organisation', 'organization'],
  'sole-trader': ['ип', 'индивидуальный предприниматель', 'sole trader'],
  person: ['физлицо', 'физ лицо', 'физическое лицо', 'частное лицо', 'private person', 'individual'],
};

/** The client's kind: as written, or from the INN (12 digits: a sole trader when the name says ИП, else a person). */
export function clientKindOf(cell: string, inn: string, name: string): string {
  if (cell) return byName(['legal', 'sole-trader', 'person'] as const, KIND_NAMES, cell);
  if (/^\d{12}$/.test(inn)) return /^ип\s/i.test(name) ? 'sole-trader' : 'person';
  return 'legal';
}

const STAGE_NAMES: Record<(typeof CLIENT_STAGES)[number], string[]> = {
  potential: ['потенциальный', 'potential'], 'one-time': ['разовый', 'one time'], regular: ['постоянный', 'regular'], lost: ['потерянный', 'потерян', 'lost'],
};
export const clientStageOf = (cell: string) => byName(CLIENT_STAGES, STAGE_NAMES, cell);

const SOURCE_NAMES: Record<(typeof SOURCE_CHANNELS)[number], string[]> = {
  advertising: ['реклама', 'advertising'], exhibition: ['выставка', 'exhibition'], recommendation: ['рекомендация', 'recommendation'],
  website: ['сайт', 'website'], 'cold-call': ['холодный звонок', 'cold call'], 'incoming-call': ['входящий звонок', 'incoming call'],
  mailing: ['рассылка', 'mailing'], partner: ['партнер', 'partner'], tender: ['тендер', 'tender'], other: ['другое', 'other'],
};
export const sourceChannelOf = (cell: string) => byName(SOURCE_CHANNELS, SOURCE_NAMES, cell);
