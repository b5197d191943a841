// A segment's filter: which clients a campaign goes to. One zod schema for the API, the builder
// screen and the stored jsonb, so a saved segment always parses the way it was checked.
//
// Every condition present must hold (AND); a list condition holds when the client matches any of
// its values. Tags follow the hierarchy: naming a parent tag includes all tags below it.
// A purchase is an invoice that received money in the period (the stages report's rule);
// "paid" is the sum of payments received in the period. Without from/to the period is all time.
import { z } from 'zod';
import { CLIENT_STAGES, SOURCE_CHANNELS } from '../clients/entities.ts';

// Years PostgreSQL's dates handle without surprises.
const day = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'must be between 1900-01-01 and 2999-12-31');
const ids = z.array(z.uuid()).max(200);

export const purchaseFilterSchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    /** true: bought in the period; false: did not. */
    bought: z.boolean().optional(),
    minCount: z.number().int().min(0).max(100_000).optional(),
    maxCount: z.number().int().min(0).max(100_000).optional(),
    /** Kopecks. */
    minPaid: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    maxPaid: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'from must not be after to', path: ['to'] })
  .refine((p) => p.minCount === undefined || p.maxCount === undefined || p.minCount <= p.maxCount, { message: 'minCount must not exceed maxCount', path: ['maxCount'] })
  .refine((p) => p.minPaid === undefined || p.maxPaid === undefined || p.minPaid <= p.maxPaid, { message: 'minPaid must not exceed maxPaid', path: ['maxPaid'] });

export const segmentFilterSchema = z
  .object({
    tags: z.object({ any: ids.optional(), all: ids.optional(), none: ids.optional() }).strict().optional(),
    stages: z.array(z.enum(CLIENT_STAGES)).max(CLIENT_STAGES.length).optional(),
    regions: z.array(z.string().min(1).max(100)).max(200).optional(),
    sourceChannels: z.array(z.enum(SOURCE_CHANNELS)).max(SOURCE_CHANNELS.length).optional(),
    ownerIds: ids.optional(),
    purchases: purchaseFilterSchema.optional(),
    /** true: only clients who agreed to marketing mail. */
    marketingConsent: z.boolean().optional(),
    /** true: only clients with an e-mail (their own or a contact's); false: only without. */
    hasEmail: z.boolean().optional(),
  })
  .strict();

export type SegmentFilter = z.infer<typeof segmentFilterSchema>;
