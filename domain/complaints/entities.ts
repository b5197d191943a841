// Complaints (the quality officer's work: 3 working days to decide and call the client back) and
// the knowledge base of typical answers the quality officer and the hot line search and cite.
//
// The SLA clock: a complaint has `slaBudgetMs` of working time (registered + 3 working days on the
// company calendar). It stops while waiting for the client and once decided (a `ComplaintClockPause`
// row each time, `pausedSince` set while one is open); `pausedWorkMs` sums the working time of the
// closed pauses, and `dueAt` is the base due moved on by that much working time. So "used" and
// "left" need only the row and the calendar, and SQL can filter overdue ones:
// `coalesce(paused_since, now()) > due_at`.
import { defineEntity, p } from '@mikro-orm/core';
import { Client } from '../clients/entities.ts';
import { Department, Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const COMPLAINT_SOURCES = ['phone', 'email', 'portal', 'visit', 'letter', 'hotline'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const COMPLAINT_STATUSES = ['registered', 'in-work', 'waiting', 'decided', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const DECISION_KINDS = ['satisfied', 'partly', 'refused'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** A public message goes to the client or comes from them; a note stays inside the company. */
export const MESSAGE_KINDS = ['to-client', 'from-client', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Why the clock stopped: waiting for the client's answer, or a decision taken. */
export const PAUSE_REASONS = ['waiting-client', 'decided'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** A cited knowledge-base article: its id and the version that was cited (title kept for reading). */
export interface Citation {
  articleId: string;
  version: number;
  title: string;
}

export const Complaint = defineEntity({
  name: 'Complaint',
  extends: BaseEntity,
  // The list filters by status, source, client; sorts by due time and recency.
  indexes: [
    { properties: ['status', 'dueAt'] },
    { properties: ['updatedAt', 'id'] },
    { properties: ['registeredAt', 'id'] },
  ],
  properties: {
    /** "Ж-000123": what people say on the phone; from the sequence `complaint_number_seq`. */
    number: p.string().length(20).unique(),
    source: p.enum([...COMPLAINT_SOURCES]),
    subject: p.string().length(300),
    text: p.text(),
    /** Optional: a portal complaint waits to be matched to a client. */
    client: () => p.manyToOne(Client).ref().nullable().index(),
    contactName: p.string().length(200).nullable(),
    contactPhone: p.string().length(50).nullable(),
    contactEmail: p.string().length(320).nullable(),
    equipmentSerial: p.string().length(100).nullable(),
    departments: () => p.manyToMany(Department).pivotTable('complaint_departments'),
    status: p.enum([...COMPLAINT_STATUSES]).default('registered'),
    registeredAt: p.datetime(),
    slaBudgetMs: p.bigint('number'),
    pausedWorkMs: p.bigint('number').default(0),
    dueAt: p.datetime(),
    pausedSince: p.datetime().nullable(),
    decisionText: p.text().nullable(),
    decisionKind: p.enum([...DECISION_KINDS]).nullable(),
    decisionCitations: p.json<Citation[]>().nullable(),
    decidedBy: () => p.manyToOne(Employee).ref().nullable(),
    decidedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const ComplaintStatusChange = defineEntity({
  name: 'ComplaintStatusChange',
  extends: BaseEntity,
  indexes: [{ properties: ['complaint', 'at'] }],
  properties: {
    complaint: () => p.manyToOne(Complaint).ref().deleteRule('cascade'),
    fromStatus: p.enum([...COMPLAINT_STATUSES]).nullable(),
    toStatus: p.enum([...COMPLAINT_STATUSES]),
    comment: p.text().nullable(),
    /** The person who changed it; null when a case's route did (then `caseId`). */
    by: () => p.manyToOne(Employee).ref().nullable(),
    /** The case (process id) whose route changed it; not a foreign key, so history outlives the case. */
    caseId: p.uuid().nullable(),
    at: p.datetime(),
  },
});

export const ComplaintClockPause = defineEntity({
  name: 'ComplaintClockPause',
  extends: BaseEntity,
  indexes: [{ properties: ['complaint', 'fromAt'] }],
  properties: {
    complaint: () => p.manyToOne(Complaint).ref().deleteRule('cascade'),
    reason: p.enum([...PAUSE_REASONS]),
    fromAt: p.datetime(),
    toAt: p.datetime().nullable(),
  },
});

export const ComplaintMessage = defineEntity({
  name: 'ComplaintMessage',
  extends: BaseEntity,
  indexes: [{ properties: ['complaint', 'at'] }],
  properties: {
    complaint: () => p.manyToOne(Complaint).ref().deleteRule('cascade'),
    kind: p.enum([...MESSAGE_KINDS]),
    /** The employee who wrote it; null for the client's own message. */
    author: () => p.manyToOne(Employee).ref().nullable(),
    authorName: p.string().length(200),
    text: p.text(),
    citations: p.json<Citation[]>(),
    at: p.datetime(),
  },
});

export const KbArticle = defineEntity({
  name: 'KbArticle',
  extends: BaseEntity,
  indexes: [
    { properties: ['category', 'title'] },
    { properties: ['updatedAt', 'id'] },
    { name: 'kb_article_search_index', properties: ['search'], type: 'gin' },
  ],
  properties: {
    title: p.string().length(300),
    body: p.text(),
    tags: p.array().default([]),
    category: p.string().length(100),
    /**
     * The `russian` full-text vector PostgreSQL keeps from the title (weight A), tags (B) and body
     * (C); a GIN index serves `@@` and ranking. Never written by the code. `kb_tags_text` (the
     * migration's) is array_to_string declared immutable, as a generated column requires.
     */
    search: p.type('tsvector').generated(`(setweight(to_tsvector('russian', coalesce(title, '')), 'A') || setweight(to_tsvector('russian', kb_tags_text(tags)), 'B') || setweight(to_tsvector('russian', coalesce(body, '')), 'C')) stored`).lazy().nullable(),
    author: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

/** Every version of an article as it was written: a citation names one, so it reads the same later. */
export const KbArticleRevision = defineEntity({
  name: 'KbArticleRevision',
  extends: BaseEntity,
  uniques: [{ properties: ['article', 'version'] }],
  properties: {
    article: () => p.manyToOne(KbArticle).ref().deleteRule('cascade'),
    version: p.integer(),
    title: p.string().length(300),
    body: p.text(),
    tags: p.array().default([]),
    category: p.string().length(100),
    by: () => p.manyToOne(Employee).ref(),
    at: p.datetime(),
  },
});
