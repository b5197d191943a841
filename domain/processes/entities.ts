// The read models of running cases. Temporal holds what happens next; these rows are what people
// query: the case list and the timeline (the inbox is in assignments/). Activities write them
// idempotently.
import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base-entity.ts';
import type { FormValue } from '../routes/step-input.ts';
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
    variables: p.json<Record<string, FormValue>>(),
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
