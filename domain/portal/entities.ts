// The customer portal: a request a person submits without an account, kept whole until they
// confirm it through the e-mailed link, and the follow link that then shows them their complaint.
// Both tokens are stored only as SHA-256 hashes, so a database dump opens nothing; a lookup by
// hash is one indexed equality, so a wrong token and an expired one take the same path.
import { defineEntity, p } from '@mikro-orm/core';
import { Complaint } from '../complaints/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const PORTAL_KINDS = ['complaint', 'question'] as const;
export type PortalKind = (typeof PORTAL_KINDS)[number];

export const PortalRequest = defineEntity({
  name: 'PortalRequest',
  extends: BaseEntity,
  indexes: [{ properties: ['expiresAt'] }],
  properties: {
    /** sha256 (base64url) of the confirmation token. */
    confirmHash: p.string().length(64).unique(),
    name: p.string().length(200),
    email: p.string().length(320),
    phone: p.string().length(50).nullable(),
    kind: p.enum([...PORTAL_KINDS]),
    subject: p.string().length(300),
    text: p.text(),
    /** What the person typed as their company: a name or an INN. */
    company: p.string().length(300).nullable(),
    /** Where the links point (PUBLIC_ORIGIN or the request's origin). */
    origin: p.string().length(300),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    confirmedAt: p.datetime().nullable(),
    /** The complaint the confirmation created (its id is this request's id). */
    complaint: () => p.manyToOne(Complaint).ref().nullable().index().deleteRule('set null'),
    /** sha256 (base64url) of the follow link's access token, set on confirmation. */
    accessHash: p.string().length(64).unique().nullable(),
    /** A revoked follow link answers 404 like a wrong one. */
    revokedAt: p.datetime().nullable(),
  },
});

/** Fixed-window counters of the portal's rate limits (one row a key), shared by every API process. */
export const PortalRateCounter = defineEntity({
  name: 'PortalRateCounter',
  properties: {
    key: p.string().length(100).primary(),
    windowStart: p.datetime(),
    hits: p.integer(),
  },
});
