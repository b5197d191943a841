// What a person enters about a client and a contact person, as the use cases take it (the API
// has parsed the shapes with zod already), and the rules across fields zod does not see.
import type { FieldProblem } from '../errors.ts';
import type { ClientKind, ClientStage, SourceChannel } from './entities.ts';

export interface ClientFields {
  name: string;
  kind: ClientKind;
  inn: string | null;
  kpp: string | null;
  legalAddress: string | null;
  region: string | null;
  phones: string[];
  email: string | null;
  website: string | null;
  sourceChannel: SourceChannel | null;
  triggeringEvent: string | null;
  interest: string | null;
  interestReason: string | null;
  probability: number | null;
  stage: ClientStage;
  notes: string | null;
  /** Agreed to marketing mail. */
  marketingConsent?: boolean | undefined;
}

/** A birthday: day and month, the year when known. */
export interface Birthday {
  day: number;
  month: number;
  year: number | null;
}

export interface ContactFields {
  fullName: string;
  position: string | null;
  phones: string[];
  email: string | null;
  birthday: Birthday | null;
  notes: string | null;
  isPrimary: boolean;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A day that exists in its month (29 February only in a leap year, or with no year given). */
export function birthdayProblems(b: Birthday | null, path: string): FieldProblem[] {
  if (b === null) return [];
  const max = b.month === 2 && b.year !== null && !isLeap(b.year) ? 28 : (DAYS_IN_MONTH[b.month - 1] ?? 0);
  if (b.day > max) return [{ path: `${path}.day`, message: `month ${b.month}${b.year === null ? '' : ` of ${b.year}`} has ${max} days` }];
  return [];
}
