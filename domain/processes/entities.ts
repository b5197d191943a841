// The read models of running cases. Temporal holds what happens next; these rows are what people
// query: the case list and the timeline (the inbox is in assignments/). Activities write them
// idempotently.
import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base-entity.ts';
import type { VariableValue } from '../routes/step-input.ts';
import { Employee } from '../organisation/entities.ts';
import { RouteVersion } from '../routes/entities.ts';

export const PROCESS_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

export const Process = defineEntity({
  name: 'Process',
  extends: BaseEntity,
  // The case list: newest first, alone or filtered by status, starter or route version; each
  // ends in (started_at, id) so a page is read off the index in order.
  indexes: [
    { properties: ['startedAt', 'id'] },
    { properties: ['status', 'startedAt', 'id'] },
    { properties: ['startedBy', 'startedAt', 'id'] },
    { properties: ['routeVersion', 'startedAt', 'id'] },
    // A record's cases (a deal's, a client card's): by the record they are about.
    { properties: ['recordType', 'recordId'] },
  ],
  properties: {
    workflowId: p.string().unique(),
    routeVersion: () => p.manyToOne(RouteVersion).ref(),
    /** The case that started this one as a sub-process. */
    parent: () => p.manyToOne(Process).ref().nullable().index(),
    subject: p.string(),
    /** The kind of record the case is about ("deal"), with `recordId`; null for a case about none. */
    recordType: p.string().length(50).nullable(),
    recordId: p.uuid().nullable(),
    variables: p.json<Record<string, VariableValue>>(),
    status: p.enum([...PROCESS_STATUSES]).default('running'),
    result: p.json<Record<string, unknown>>().nullable(),
    currentStepId: p.string().nullable(),
    currentStepName: p.string().nullable(),
    startedBy: () => p.manyToOne(Employee).ref(),
    startedAt: p.datetime(),
    endedAt: p.datetime().nullable(),
  },
});

export const StepEvent = defineEntity({
  name: 'StepEvent',
  extends: BaseEntity,
  indexes: [{ properties: ['process', 'at'] }],
  properties: {
    /** workflow id + what happened + which assignment: a retry writes the same key and is ignored. */
    key: p.string().unique(),
    process: () => p.manyToOne(Process).ref(),
    type: p.string(),
    stepId: p.string().nullable(),
    assignmentId: p.uuid().nullable(),
    actor: () => p.manyToOne(Employee).ref().nullable(),
    at: p.datetime(),
    data: p.json<Record<string, unknown>>().nullable(),
  },
});

/**
 * The items of a foreach node, resolved once when the node is reached (a list variable's values,
 * or a list source's items: a campaign's frozen recipients) and read a window at a time as the
 * node prepares child cases. The case's state keeps only a cursor into it, so a list of
 * thousands never travels through the workflow's history.
 */
export const ProcessItem = defineEntity({
  name: 'ProcessItem',
  tableName: 'process_item_list',
  properties: {
    /** Chosen by the case when it reached the node (one per visit). */
    listId: p.uuid().primary(),
    position: p.integer().primary(),
    /** The case whose foreach it is; no foreign key, so discarding a case that never started needs no order. */
    processId: p.uuid().index(),
    /** `{ value }` for a list variable's item, or a source's `{ record?, variables? }`. */
    item: p.json<Record<string, unknown>>(),
  },
});
