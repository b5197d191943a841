// One row of an import, held to the same rules as the create endpoints: the cells are turned into
// the body the endpoint takes (cell-values.ts), checked by the endpoint's own zod schema (passed
// in by the API, which owns it) and by the domain rules zod does not see (INN check digits, KPP,
// real birthdays). Every problem names the field and the column it came from.
import type { z } from 'zod';
import { birthdayProblems } from '../clients/client-fields.ts';
import { requisiteProblems } from '../clients/requisites.ts';
import type { ClientKind } from '../clients/entities.ts';
import { formatPath } from '../errors.ts';
import {
  birthdayOf, booleanOf, clientKindOf, clientStageOf, integerOf, isoDateOf, kopecksOf, phonesOf, sourceChannelOf,
} from './cell-values.ts';
import type { ImportKind } from './entities.ts';
import type { Mapping } from './import-fields.ts';

/** The create endpoints' body schemas (without the ids the import resolves itself). */
export type RowSchemas = Record<ImportKind, z.ZodType>;

export interface CellProblem {
  field: string;
  /** The column's header, when the field came from one. */
  column: string | null;
  message: string;
}

/** What the import must look up in the database for a row: the client, the owner, the stage. */
export interface RowRefs {
  clientInn: string | null;
  clientName: string | null;
  owner: string | null;
  stage: string | null;
}

export interface CheckedRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  line: number;
  body: Record<string, unknown>;
  refs: RowRefs;
  problems: CellProblem[];
}

/** Which field a path of the endpoint's body came from. */
function fieldOfPath(kind: ImportKind, path: string): string {
  const [head, index, sub] = path.split(/[.[\]]+/).filter(Boolean);
  if (kind === 'clients' && head === 'contacts' && index !== undefined) {
    return ({ fullName: 'contactName', position: 'contactPosition', phones: 'contactPhones', email: 'contactEmail' } as Record<string, string>)[sub ?? ''] ?? 'contactName';
  }
  return head ?? path;
}

export function checkRow(kind: ImportKind, cells: readonly string[], index: number, mapping: Mapping, columns: readonly string[], schemas: RowSchemas): CheckedRow {
  const cell = (field: string): string => {
    const col = mapping[field];
    return col === null || col === undefined ? '' : (cells[col] ?? '').trim();
  };
  const problems: CellProblem[] = [];
  const columnOf = (field: string): string | null => {
    const col = mapping[field];
    return col === null || col === undefined ? null : (columns[col] ?? null);
  };
  const problem = (field: string, message: string) => problems.push({ field, column: columnOf(field), message });
  const body: Record<string, unknown> = {};
  const put = (key: string, field: string, convert: (s: string) => unknown = (s) => s) => {
    const v = cell(field);
    if (v !== '') body[key] = convert(v);
  };

  if (kind === 'clients') {
    put('name', 'name');
    body.kind = clientKindOf(cell('kind'), cell('inn'), cell('name'));
    for (const f of ['inn', 'kpp', 'legalAddress', 'region', 'email', 'website', 'notes']) put(f, f);
    put('phones', 'phones', phonesOf);
    put('sourceChannel', 'sourceChannel', sourceChannelOf);
    put('stage', 'stage', clientStageOf);
    put('probability', 'probability', integerOf);
    const contact: Record<string, unknown> = {};
    if (cell('contactName')) contact.fullName = cell('contactName');
    if (cell('contactPosition')) contact.position = cell('contactPosition');
    if (cell('contactPhones')) contact.phones = phonesOf(cell('contactPhones'));
    if (cell('contactEmail')) contact.email = cell('contactEmail');
    if (Object.keys(contact).length) {
      if (!contact.fullName) problem('contactName', 'the contact person\'s name is needed with their phone, e-mail or position');
      else body.contacts = [{ ...contact, isPrimary: true }];
    }
  } else if (kind === 'contacts') {
    for (const f of ['fullName', 'position', 'email', 'notes']) put(f, f);
    put('phones', 'phones', phonesOf);
    put('birthday', 'birthday', birthdayOf);
    put('isPrimary', 'isPrimary', booleanOf);
  } else {
    for (const f of ['title', 'notes']) put(f, f);
    put('plannedCloseDate', 'plannedCloseDate', isoDateOf);
    put('probability', 'probability', integerOf);
    const amount = cell('amount');
    if (amount !== '') {
      const kopecks = kopecksOf(amount);
      if (kopecks === undefined) problem('amount', 'is not a sum in rubles (e.g. 125000 or 1 250 000,50)');
      else body.amount = kopecks;
    }
  }

  const parsed = schemas[kind].safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path);
      const field = path === '(root)' ? 'name' : fieldOfPath(kind, path);
      problem(field, issue.message);
    }
  } else if (kind === 'clients') {
    for (const p of requisiteProblems(body.kind as ClientKind, (body.inn as string | undefined) ?? null, (body.kpp as string | undefined) ?? null)) problem(p.path, p.message);
  } else if (kind === 'contacts' && typeof body.birthday === 'object') {
    for (const p of birthdayProblems(body.birthday as { day: number; month: number; year: number | null }, 'birthday')) problem('birthday', p.message);
  }

  const ref = (field: string): string | null => cell(field) || null;
  return { line: index + 2, body, refs: { clientInn: ref('clientInn'), clientName: ref('clientName'), owner: ref('owner'), stage: ref('stage') }, problems };
}
