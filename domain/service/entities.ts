// The service department's records (seed 000: "service keeps the register of equipment under
// service contracts, makes service visits and phone consultations"): installation orders handed
// over by sales after signing, the register of equipment the company serves, visits to it and
// phone consultations. An installation order moves only along the moves of `installation-moves.ts`,
// each kept in `InstallationStatusChange` (who or which case, when), so the hand-off's timing can
// be read back; completing it with an act puts its equipment in the register.
import { defineEntity, p } from '@mikro-orm/core';
import { Client } from '../clients/entities.ts';
import { Deal } from '../deals/entities.ts';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const INSTALLATION_STATUSES = ['new', 'returned', 'accepted', 'scheduled', 'done', 'cancelled'] as const;
export type InstallationStatus = (typeof INSTALLATION_STATUSES)[number];

/** What moved an order: its creation, one of the actions, or a returned order sent again after its data was completed. */
export const INSTALLATION_MOVES = ['create', 'accept', 'return', 'resubmit', 'schedule', 'complete', 'cancel'] as const;
export type InstallationMove = (typeof INSTALLATION_MOVES)[number];

export const VISIT_KINDS = ['maintenance', 'repair', 'diagnostics'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Computed from the dates, never stored: a contract expires by the calendar, not by someone's click. */
export const EQUIPMENT_STATUSES = ['in-service', 'contract-expired', 'removed'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export interface InstallationLine {
  model: string;
  quantity: number;
}

export const InstallationOrder = defineEntity({
  name: 'InstallationOrder',
  extends: BaseEntity,
  // The service head's list: by status and date; the engineer's: by engineer.
  indexes: [
    { properties: ['status', 'installBy'] },
    { properties: ['engineer', 'scheduledDate'] },
    { properties: ['updatedAt', 'id'] },
  ],
  properties: {
    client: () => p.manyToOne(Client).ref().index(),
    deal: () => p.manyToOne(Deal).ref().nullable().index().deleteRule('set null'),
    contractNumber: p.string().length(100),
    /** The installation date the contract promises. */
    installBy: p.date(),
    siteAddress: p.string().length(500),
    lines: p.json<InstallationLine[]>(),
    status: p.enum([...INSTALLATION_STATUSES]).default('new'),
    /** Returned: what is missing, and by when the owner must supply it. */
    missing: p.text().nullable(),
    returnDeadline: p.date().nullable(),
    scheduledDate: p.date().nullable(),
    engineer: () => p.manyToOne(Employee).ref().nullable(),
    actNumber: p.string().length(100).nullable(),
    actDate: p.date().nullable(),
    doneBy: () => p.manyToOne(Employee).ref().nullable(),
    cancelReason: p.text().nullable(),
    notes: p.text().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref().nullable(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const InstallationStatusChange = defineEntity({
  name: 'InstallationStatusChange',
  extends: BaseEntity,
  indexes: [{ properties: ['order', 'at'] }],
  properties: {
    order: () => p.manyToOne(InstallationOrder).ref().deleteRule('cascade'),
    move: p.enum([...INSTALLATION_MOVES]),
    fromStatus: p.enum([...INSTALLATION_STATUSES]).nullable(),
    toStatus: p.enum([...INSTALLATION_STATUSES]),
    /** The person, or null when a route's case made the move (then `caseId`). */
    by: () => p.manyToOne(Employee).ref().nullable(),
    caseId: p.uuid().nullable(),
    comment: p.text().nullable(),
    at: p.datetime(),
  },
});

export const Equipment = defineEntity({
  name: 'Equipment',
  extends: BaseEntity,
  // A serial number is unique per model (two makers may print the same digits).
  uniques: [{ properties: ['model', 'serialNumber'] }],
  indexes: [{ properties: ['contractTo'] }, { properties: ['updatedAt', 'id'] }],
  properties: {
    model: p.string().length(200),
    serialNumber: p.string().length(100),
    client: () => p.manyToOne(Client).ref().index(),
    siteAddress: p.string().length(500),
    contractNumber: p.string().length(100).nullable(),
    contractFrom: p.date().nullable(),
    contractTo: p.date().nullable(),
    installedOn: p.date().nullable(),
    installation: () => p.manyToOne(InstallationOrder).ref().nullable().index().deleteRule('set null'),
    removedOn: p.date().nullable(),
    notes: p.text().nullable(),
    createdBy: () => p.manyToOne(Employee).ref().nullable(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref().nullable(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const ServiceVisit = defineEntity({
  name: 'ServiceVisit',
  extends: BaseEntity,
  indexes: [{ properties: ['engineer', 'plannedDate'] }, { properties: ['plannedDate', 'id'] }],
  properties: {
    equipment: () => p.manyToOne(Equipment).ref().index().deleteRule('cascade'),
    plannedDate: p.date(),
    engineer: () => p.manyToOne(Employee).ref(),
    kind: p.enum([...VISIT_KINDS]),
    result: p.text().nullable(),
    doneAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const PhoneConsultation = defineEntity({
  name: 'PhoneConsultation',
  extends: BaseEntity,
  indexes: [{ properties: ['at', 'id'] }],
  properties: {
    client: () => p.manyToOne(Client).ref().index(),
    equipment: () => p.manyToOne(Equipment).ref().nullable().index().deleteRule('set null'),
    question: p.text(),
    answer: p.text().nullable(),
    by: () => p.manyToOne(Employee).ref(),
    at: p.datetime(),
    durationMinutes: p.smallint(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});
