// Where a multi-instance (`foreach`) node gets its items when they are not a list variable: a
// named source a business context provides - the recipients of a campaign (its segment evaluated
// and frozen at that moment), the clients due for a survey call. The activity that records a
// case's effects resolves the list once, inside the transition's transaction, and keeps it: the
// node then works through exactly those items, whatever changes in the data afterwards.
import type { z } from 'zod';
import type { CaseRecord, FormValue } from './case-state.ts';
import type { OperationContext } from './route-operations.ts';
import { emailRecipientsSource, phoneCandidatesSource } from '../surveys/route-operations.ts';
import { campaignRecipientsSource } from '../marketing/list-sources.ts';

export interface ListItem {
  /** The record a child case for this item is about (`{ type: 'client', id }`). */
  record?: CaseRecord;
  /** Variables the item's child case starts with besides the node's `inputs` (the client's owner's e-mail). */
  variables?: Record<string, FormValue>;
}

export interface ListSource<A extends z.ZodType = z.ZodType> {
  /** `"campaign.recipients"`: what a `foreach` node's `items.source` names. */
  name: string;
  description: string;
  /** The kind of record each item is about, when items are records (for the validator: the body route's `subject`). */
  recordType?: string;
  args: A;
  /** Idempotent on `ctx.key`: resolving again (a retried batch) gives the same items in the same order. */
  resolve(ctx: OperationContext, args: z.infer<A>): Promise<ListItem[]>;
}

/** One entry per source; each context adds its own line. */
const SOURCES: readonly ListSource[] = [
  phoneCandidatesSource,
  emailRecipientsSource,
  campaignRecipientsSource,
];

export const LIST_SOURCES: ReadonlyMap<string, ListSource> = new Map(SOURCES.map((s) => [s.name, s]));
