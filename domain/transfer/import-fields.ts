// The fields each kind of import takes, with the header names people give them in Russian and
// English spreadsheets (1C, Sales Expert and Excel exports), so a mapping can be suggested.
import type { ImportKind } from './entities.ts';

export interface ImportField {
  key: string;
  required: boolean;
  /** Header names, compared after `normalHeader` (case, ё, punctuation and spaces ignored). */
  aliases: string[];
}

const owner: ImportField = { key: 'owner', required: false, aliases: ['ответственный', 'менеджер', 'владелец', 'ответственный менеджер', 'owner', 'manager', 'responsible', 'account manager'] };
const clientRef: ImportField[] = [
  { key: 'clientInn', required: false, aliases: ['инн клиента', 'инн', 'inn', 'client inn', 'tax id'] },
  { key: 'clientName', required: false, aliases: ['клиент', 'название клиента', 'контрагент', 'компания', 'организация', 'client', 'client name', 'company', 'account'] },
];

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  clients: [
    { key: 'name', required: true, aliases: ['название', 'наименование', 'клиент', 'компания', 'организация', 'контрагент', 'name', 'company', 'client', 'account name'] },
    { key: 'kind', required: false, aliases: ['вид', 'тип', 'вид клиента', 'тип клиента', 'kind', 'type', 'client type'] },
    { key: 'inn', required: false, aliases: ['инн', 'inn', 'tax id', 'taxpayer id'] },
    { key: 'kpp', required: false, aliases: ['кпп', 'kpp'] },
    { key: 'legalAddress', required: false, aliases: ['юридический адрес', 'юр адрес', 'адрес', 'legal address', 'address'] },
    { key: 'region', required: false, aliases: ['регион', 'город', 'region', 'city'] },
    { key: 'phones', required: false, aliases: ['телефон', 'телефоны', 'тел', 'phone', 'phones', 'telephone'] },
    { key: 'email', required: false, aliases: ['email', 'e-mail', 'эл почта', 'электронная почта', 'почта', 'mail'] },
    { key: 'website', required: false, aliases: ['сайт', 'веб сайт', 'website', 'site', 'web'] },
    { key: 'sourceChannel', required: false, aliases: ['источник', 'канал', 'канал привлечения', 'source', 'source channel', 'channel'] },
    { key: 'stage', required: false, aliases: ['стадия', 'стадия отношений', 'этап отношений', 'stage', 'relationship stage'] },
    { key: 'probability', required: false, aliases: ['вероятность', 'вероятность покупки', 'probability'] },
    owner,
    { key: 'notes', required: false, aliases: ['примечание', 'примечания', 'комментарий', 'notes', 'note', 'comment'] },
    { key: 'contactName', required: false, aliases: ['контактное лицо', 'контакт', 'фио контакта', 'фио', 'contact', 'contact person', 'contact name'] },
    { key: 'contactPosition', required: false, aliases: ['должность', 'должность контакта', 'position', 'job title', 'title'] },
    { key: 'contactPhones', required: false, aliases: ['телефон контакта', 'телефон контактного лица', 'мобильный', 'contact phone', 'mobile'] },
    { key: 'contactEmail', required: false, aliases: ['email контакта', 'e-mail контакта', 'почта контакта', 'contact email', 'contact e-mail'] },
  ],
  contacts: [
    ...clientRef,
    { key: 'fullName', required: true, aliases: ['фио', 'контактное лицо', 'контакт', 'имя', 'full name', 'name', 'contact', 'contact person'] },
    { key: 'position', required: false, aliases: ['должность', 'position', 'job title', 'title'] },
    { key: 'phones', required: false, aliases: ['телефон', 'телефоны', 'мобильный', 'phone', 'phones', 'mobile'] },
    { key: 'email', required: false, aliases: ['email', 'e-mail', 'эл почта', 'электронная почта', 'почта', 'mail'] },
    { key: 'birthday', required: false, aliases: ['день рождения', 'дата рождения', 'birthday', 'date of birth', 'birth date'] },
    { key: 'isPrimary', required: false, aliases: ['основной', 'основное контактное лицо', 'primary', 'main contact'] },
    { key: 'notes', required: false, aliases: ['примечание', 'комментарий', 'notes', 'comment'] },
  ],
  deals: [
    ...clientRef,
    { key: 'title', required: true, aliases: ['название сделки', 'сделка', 'название', 'предмет сделки', 'title', 'deal', 'deal name', 'name'] },
    { key: 'amount', required: false, aliases: ['сумма', 'сумма руб', 'сумма сделки', 'бюджет', 'amount', 'sum', 'value'] },
    { key: 'stage', required: false, aliases: ['этап', 'стадия', 'этап сделки', 'stage', 'deal stage'] },
    { key: 'plannedCloseDate', required: false, aliases: ['дата закрытия', 'планируемая дата закрытия', 'плановая дата', 'close date', 'planned close date', 'expected close'] },
    { key: 'probability', required: false, aliases: ['вероятность', 'probability'] },
    owner,
    { key: 'notes', required: false, aliases: ['примечание', 'комментарий', 'notes', 'comment'] },
  ],
};

/** A header as compared: lower case, ё as е, letters and digits separated by single spaces. */
export const normalHeader = (h: string): string =>
  h.toLowerCase().replaceAll('ё', 'е').replace(/e-mail/g, 'email').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface Mapping {
  [field: string]: number | null;
}

/**
 * For each field, the column whose header is one of its names; each column used once, exact
 * names first (so "Телефон контакта" goes to the contact's phone, not the client's).
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): Mapping {
  const normal = headers.map(normalHeader);
  const taken = new Set<number>();
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS[kind]) mapping[field.key] = null;
  // Pass 1: exact names, in the order of each field's aliases; pass 2: a header that starts with a name.
  for (const exact of [true, false]) {
    for (const field of IMPORT_FIELDS[kind]) {
      if (mapping[field.key] !== null) continue;
      for (const alias of field.aliases.map(normalHeader)) {
        const i = normal.findIndex((h, idx) => !taken.has(idx) && (exact ? h === alias : h.startsWith(`${alias} `)));
        if (i >= 0) {
          mapping[field.key] = i;
          taken.add(i);
          break;
        }
      }
    }
  }
  return mapping;
}

/** What is wrong with a mapping: unknown fields, columns out of range, a column used twice, a required field unmapped. */
export function mappingProblems(kind: ImportKind, mapping: Mapping, columnCount: number): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const known = new Set(IMPORT_FIELDS[kind].map((f) => f.key));
  const used = new Map<number, string>();
  for (const [key, col] of Object.entries(mapping)) {
    if (!known.has(key)) problems.push({ path: `mapping.${key}`, message: `is not a field of a ${kind} import (${[...known].join(', ')})` });
    else if (col !== null && col >= columnCount) problems.push({ path: `mapping.${key}`, message: `column ${col} does not exist: the file has ${columnCount}` });
    else if (col !== null) {
      const other = used.get(col);
      if (other) problems.push({ path: `mapping.${key}`, message: `column ${col} is already mapped to ${other}` });
      used.set(col, key);
    }
  }
  for (const f of IMPORT_FIELDS[kind]) if (f.required && (mapping[f.key] ?? null) === null) problems.push({ path: `mapping.${f.key}`, message: 'is required: choose the column it is in' });
  if (kind !== 'clients' && (mapping.clientInn ?? null) === null && (mapping.clientName ?? null) === null) {
    problems.push({ path: 'mapping.clientInn', message: 'choose the column with the client\'s INN or name, to find the client' });
  }
  return problems;
}
