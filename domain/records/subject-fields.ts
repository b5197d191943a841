// What a route's `update-record` action may set on each kind of record a case can be about, as
// pure data: the route validator (publish and check), the designer's side panel and the case
// machine's host all read it, and none of them may load the database. Each record context's
// `route-updates.ts` applies these fields (domain/records/route-updates.ts is the registry of
// those); the integrator adds a line here for each context that ships one.
import { COMPLAINT_ROUTE_FIELDS } from '../complaints/route-fields.ts';
import { DEAL_ROUTE_FIELDS } from '../deals/route-fields.ts';
import { INVOICE_ROUTE_FIELDS } from '../invoices/route-fields.ts';
import { INSTALLATION_ROUTE_FIELDS } from '../service/route-fields.ts';

export type RecordFieldType = 'text' | 'number' | 'date' | 'boolean';

export interface SubjectFields {
  /** The field's type: a literal the route sets is checked against it at publish. */
  fields: Readonly<Record<string, RecordFieldType>>;
  /** Fields whose text must be one of these values (checked at publish for literals). */
  values?: Readonly<Record<string, readonly string[]>>;
}

export const SUBJECT_FIELDS: Readonly<Record<string, SubjectFields>> = {
  deal: DEAL_ROUTE_FIELDS,
  invoice: INVOICE_ROUTE_FIELDS,
  installation: INSTALLATION_ROUTE_FIELDS,
  complaint: COMPLAINT_ROUTE_FIELDS,
  /** A client: what a campaign's or a survey's per-client case is about; a route changes nothing on it. */
  client: { fields: {} },
};

export const subjectTypes = (): string[] => Object.keys(SUBJECT_FIELDS);

/** The fields of a subject type; own keys only, so "constructor" is not a type. */
export const subjectFieldsOf = (type: string): SubjectFields | undefined => (Object.hasOwn(SUBJECT_FIELDS, type) ? SUBJECT_FIELDS[type] : undefined);
