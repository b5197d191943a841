// Russian requisites, checked as the tax service issues them: an INN (taxpayer number) carries
// its own check digits, and a KPP (tax registration reason code) exists only for organisations.
// Pure functions; the client use cases turn their answers into field problems.
import type { FieldProblem } from '../errors.ts';
import type { ClientKind } from './entities.ts';

const digitsOf = (s: string): number[] => [...s].map(Number);
const checkDigit = (digits: number[], weights: number[]): number => (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11) % 10;

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** A 10-digit INN of an organisation, its last digit the check digit. */
export function isValidLegalInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn)) return false;
  const d = digitsOf(inn);
  return checkDigit(d, W10) === d[9];
}

/** A 12-digit INN of a person or a sole trader, its last two digits check digits. */
export function isValidPersonalInn(inn: string): boolean {
  if (!/^\d{12}$/.test(inn)) return false;
  const d = digitsOf(inn);
  return checkDigit(d, W11) === d[10] && checkDigit(d, W12) === d[11];
}

/** NNNNXXNNN: tax office code, reason (two digits or capital Latin letters), sequence number. */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/** What is wrong with a client's INN and KPP for its kind; empty when they hold. */
export function requisiteProblems(kind: ClientKind, inn: string | null, kpp: string | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (inn !== null) {
    if (kind === 'legal') {
      if (!/^\d{10}$/.test(inn)) problems.push({ path: 'inn', message: 'an organisation\'s INN has 10 digits' });
      else if (!isValidLegalInn(inn)) problems.push({ path: 'inn', message: 'the check digit does not match: mistyped?' });
    } else if (!/^\d{12}$/.test(inn)) {
      problems.push({ path: 'inn', message: `the INN of a ${kind === 'person' ? 'person' : 'sole trader'} has 12 digits` });
    } else if (!isValidPersonalInn(inn)) {
      problems.push({ path: 'inn', message: 'the check digits do not match: mistyped?' });
    }
  }
  if (kpp !== null) {
    if (kind !== 'legal') problems.push({ path: 'kpp', message: 'only an organisation (10-digit INN) has a KPP' });
    else if (!isValidKpp(kpp)) problems.push({ path: 'kpp', message: 'a KPP is 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits' });
    else if (inn === null) problems.push({ path: 'kpp', message: 'give the INN together with the KPP' });
  }
  return problems;
}
