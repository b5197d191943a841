// The facts process timing reads: one row per closed step and one per ended case, written in the
// same transaction that closes them (domain/processes/apply-transition.ts), so a report over a
// million steps groups small, indexed rows instead of recomputing working time from the inbox.
import { defineEntity, p } from '@mikro-orm/core';

export const STEP_TIMING_STATUSES = ['completed', 'withdrawn'] as const;

/** A closed assignment's durations in working time, on the calendar its case runs by. */
export const StepTiming = defineEntity({
  name: 'StepTiming',
  tableName: 'step_timing',
  indexes: [
    // Per version and node over a period (the nodes table, percentiles, breaches of one node).
    { properties: ['routeVersionId', 'stepId', 'closedAt'] },
    // A case's steps in order (its variant when it ends; the n-th visit of a node).
    { properties: ['processId', 'stepId'] },
    // Per person over a period.
    { properties: ['holderId', 'closedAt'] },
  ],
  properties: {
    /** The assignment's id: writing the same close twice finds the row. */
    assignmentId: p.uuid().primary(),
    processId: p.uuid(),
    routeVersionId: p.uuid(),
    stepId: p.string(),
    /** Who held it when it closed (the completer for a queue item taken at completion). */
    holderId: p.uuid().nullable(),
    holderDepartmentId: p.uuid().nullable(),
    /** The role's queue it was given to, when it was. */
    roleCode: p.string().nullable(),
    openedAt: p.datetime(),
    claimedAt: p.datetime().nullable(),
    closedAt: p.datetime(),
    dueAt: p.datetime().nullable(),
    status: p.enum([...STEP_TIMING_STATUSES]),
    outcome: p.string().nullable(),
    /** Opened -> closed in working milliseconds; null when the calendar could not measure it. */
    workingMs: p.bigint('number').nullable(),
    /** Opened -> claimed, for steps given to a role's queue. */
    queueMs: p.bigint('number').nullable(),
    /** Claimed (or opened, when given to a person) -> closed. */
    assignedMs: p.bigint('number').nullable(),
    overDue: p.boolean(),
    /** The n-th time this node ran in this case (2 and more: rework). */
    visit: p.integer(),
  },
});

/** An ended case: its path (completed steps in order) and its working time. */
export const CaseTiming = defineEntity({
  name: 'CaseTiming',
  tableName: 'case_timing',
  indexes: [{ properties: ['routeVersionId', 'endedAt'] }],
  properties: {
    processId: p.uuid().primary(),
    routeVersionId: p.uuid(),
    startedById: p.uuid(),
    status: p.string(),
    startedAt: p.datetime(),
    endedAt: p.datetime(),
    variant: p.array(),
    workingMs: p.bigint('number').nullable(),
  },
});
