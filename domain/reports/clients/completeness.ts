// Completeness of the client base: which of the fields a salesperson is expected to fill a client
// lacks. KPP applies to legal entities only (sole traders and people have none), so it counts
// neither for nor against the others.

export const COMPLETENESS_FIELDS = [
  'inn', 'kpp', 'phone', 'email', 'legalAddress', 'region', 'sourceChannel', 'interest', 'contact', 'contactBirthday', 'probability',
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

export interface ClientFacts {
  kind: 'legal' | 'sole-trader' | 'person';
  inn: boolean;
  kpp: boolean;
  phone: boolean;
  email: boolean;
  legalAddress: boolean;
  region: boolean;
  sourceChannel: boolean;
  interest: boolean;
  contact: boolean;
  contactBirthday: boolean;
  probability: boolean;
}

export const applies = (field: CompletenessField, kind: ClientFacts['kind']): boolean => field !== 'kpp' || kind === 'legal';

/** The fields that apply to the client and are empty, in the fixed order. */
export const missingFields = (c: ClientFacts): CompletenessField[] => COMPLETENESS_FIELDS.filter((f) => applies(f, c.kind) && !c[f]);

/** Share of the applicable fields filled, 0..1. */
export function completeness(c: ClientFacts): number {
  const total = COMPLETENESS_FIELDS.filter((f) => applies(f, c.kind)).length;
  return (total - missingFields(c).length) / total;
}

/** Per field: clients it applies to and the share of them with it filled (null when it applies to nobody). */
export function fieldShares(clients: readonly ClientFacts[]): { field: CompletenessField; clients: number; filled: number; share: number | null }[] {
  return COMPLETENESS_FIELDS.map((field) => {
    const of = clients.filter((c) => applies(field, c.kind));
    const filled = of.filter((c) => c[field]).length;
    return { field, clients: of.length, filled, share: of.length ? filled / of.length : null };
  });
}
