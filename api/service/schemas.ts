// Shapes of the service API: installation orders and their actions, the equipment register,
// service visits and phone consultations. Dates are YYYY-MM-DD, times ISO 8601 UTC. Field checks
// here (400 with the field's path); the rules zod cannot see (allowed moves, serials matching the
// order's lines, an engineer holding the service role) are the use cases' and name the field too.
import { z } from '@hono/zod-openapi';
import { EQUIPMENT_STATUSES, INSTALLATION_MOVES, INSTALLATION_STATUSES, VISIT_KINDS } from '../../domain/service/entities.ts';

const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank (send null to clear it)');
const isoDate = z.iso.date().openapi({ example: '2026-12-20' });
const versionField = z.number().int().min(1).max(2_147_483_647).openapi({ description: 'The version this change was made on; a stale one is answered 409' });
const person = z.object({ id: z.uuid(), name: z.string() });
const ref = z.object({ id: z.uuid(), name: z.string() });
const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const bool = z.enum(['true', 'false']).optional();

export const installationLineSchema = z
  .object({ model: text(200).openapi({ example: 'Витрина «Полюс» 1,5 м' }), quantity: z.number().int().min(1).max(1000) })
  .strict()
  .openapi('InstallationLine');

export const newInstallationSchema = z
  .object({
    clientId: z.uuid(),
    dealId: z.uuid().nullable().optional(),
    contractNumber: text(100).openapi({ example: 'Д-118' }),
    installBy: isoDate.openapi({ description: 'The installation date the contract promises' }),
    siteAddress: text(500),
    lines: z.array(installationLineSchema).min(1).max(50),
    notes: text(10_000).nullable().optional(),
    startRoute: z.boolean().optional().openapi({ description: 'Start the published installation hand-off route about the order (default true)' }),
  })
  .strict()
  .openapi('NewInstallation');

export const installationPatchSchema = z
  .object({
    version: versionField,
    contractNumber: text(100).optional(),
    installBy: isoDate.optional(),
    siteAddress: text(500).optional(),
    lines: z.array(installationLineSchema).min(1).max(50).optional(),
    notes: text(10_000).nullable().optional(),
  })
  .strict()
  .openapi('InstallationPatch');

const actionVersion = versionField.optional().openapi({ description: 'When given, a stale version is refused (409)' });
export const acceptSchema = z.object({ comment: text(2000).nullable().optional(), version: actionVersion }).strict().openapi('AcceptInstallation');
export const returnSchema = z.object({ missing: text(2000).openapi({ description: 'What is missing' }), deadline: isoDate.openapi({ description: 'By when the owner supplies it' }), version: actionVersion }).strict().openapi('ReturnInstallation');
export const scheduleSchema = z.object({ date: isoDate, engineerId: z.uuid(), comment: text(2000).nullable().optional(), version: actionVersion }).strict().openapi('ScheduleInstallation');
export const cancelSchema = z.object({ reason: text(2000), version: actionVersion }).strict().openapi('CancelInstallation');
export const completeSchema = z
  .object({
    actNumber: text(100),
    actDate: isoDate,
    equipment: z.array(z.object({ model: text(200), serialNumber: text(100) }).strict()).min(1).max(500).openapi({ description: 'One serial number per installed unit; they enter the service register' }),
    contract: z.object({ number: text(100), validFrom: isoDate, validTo: isoDate }).strict().nullable().optional().openapi({ description: 'The service contract the units are under' }),
    doneById: z.uuid().optional().openapi({ description: 'The engineer who did the work; default: you' }),
    version: actionVersion,
  })
  .strict()
  .openapi('CompleteInstallation');

export const installationItemSchema = z
  .object({
    id: z.uuid(),
    client: ref,
    deal: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    contractNumber: z.string(),
    installBy: z.string(),
    siteAddress: z.string(),
    lines: z.array(installationLineSchema),
    status: z.enum(INSTALLATION_STATUSES),
    missing: z.string().nullable(),
    returnDeadline: z.string().nullable(),
    scheduledDate: z.string().nullable(),
    engineer: person.nullable(),
    actNumber: z.string().nullable(),
    actDate: z.string().nullable(),
    doneBy: person.nullable(),
    cancelReason: z.string().nullable(),
    atRisk: z.boolean().openapi({ description: 'Open, and not scheduled on or before the contract date (or unscheduled with 3 days or fewer to go)' }),
    createdBy: person,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('InstallationListItem');

export const equipmentItemSchema = z
  .object({
    id: z.uuid(),
    model: z.string(),
    serialNumber: z.string(),
    client: ref,
    siteAddress: z.string(),
    contractNumber: z.string().nullable(),
    contractFrom: z.string().nullable(),
    contractTo: z.string().nullable(),
    installedOn: z.string().nullable(),
    installation: z.object({ id: z.uuid(), contractNumber: z.string() }).nullable(),
    removedOn: z.string().nullable(),
    status: z.enum(EQUIPMENT_STATUSES),
    expiringSoon: z.boolean().openapi({ description: 'The service contract ends within 30 days' }),
    notes: z.string().nullable(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('Equipment');

export const installationDetailSchema = installationItemSchema
  .extend({
    notes: z.string().nullable(),
    history: z.array(z.object({
      move: z.enum(INSTALLATION_MOVES), from: z.enum(INSTALLATION_STATUSES).nullable(), to: z.enum(INSTALLATION_STATUSES),
      by: person.nullable(), caseId: z.uuid().nullable(), comment: z.string().nullable(), at: z.iso.datetime(),
    })).openapi({ description: 'Every move, oldest first, by a person or a route\'s case' }),
    equipment: z.array(equipmentItemSchema).openapi({ description: 'The units the completed order put in the register' }),
    rights: z.object({
      edit: z.boolean(),
      actions: z.array(z.enum(['accept', 'return', 'schedule', 'complete', 'cancel'])).openapi({ description: 'The actions you may take now' }),
    }),
  })
  .openapi('Installation');

export const equipmentDetailSchema = equipmentItemSchema.extend({ rights: z.object({ write: z.boolean() }) }).openapi('EquipmentDetail');

export const INSTALLATION_SORTS = ['installBy', '-installBy', 'scheduledDate', '-scheduledDate', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'client', '-client'] as const;
export const listInstallationsQuery = z.object({
  clientId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  status: z.enum(INSTALLATION_STATUSES).optional(),
  engineerId: z.uuid().optional(),
  from: isoDate.optional().openapi({ description: 'Scheduled (or, unscheduled, due by contract) on or after this day' }),
  to: isoDate.optional().openapi({ description: '... on or before this day' }),
  atRisk: bool,
  q: z.string().max(100).optional().openapi({ description: 'Text in the contract number, site, client or a model' }),
  sort: z.enum(INSTALLATION_SORTS).default('installBy'),
  ...page,
});

export const EQUIPMENT_SORTS = ['contractTo', '-contractTo', 'model', '-model', 'serialNumber', '-serialNumber', 'installedOn', '-installedOn', 'client', '-client', 'updatedAt', '-updatedAt'] as const;
export const listEquipmentQuery = z.object({
  clientId: z.uuid().optional(),
  installationId: z.uuid().optional(),
  status: z.enum(EQUIPMENT_STATUSES).optional(),
  expiringSoon: bool,
  from: isoDate.optional().openapi({ description: 'Contract ends on or after this day' }),
  to: isoDate.optional().openapi({ description: 'Contract ends on or before this day' }),
  q: z.string().max(100).optional().openapi({ description: 'Text in the serial number, model, contract number or client' }),
  sort: z.enum(EQUIPMENT_SORTS).default('contractTo'),
  ...page,
});

const equipmentFieldShape = {
  model: text(200),
  serialNumber: text(100),
  siteAddress: text(500),
  contractNumber: text(100).nullable(),
  contractFrom: isoDate.nullable(),
  contractTo: isoDate.nullable(),
  installedOn: isoDate.nullable(),
  notes: text(10_000).nullable(),
};
export const newEquipmentSchema = z
  .object({
    clientId: z.uuid(),
    ...equipmentFieldShape,
    contractNumber: equipmentFieldShape.contractNumber.optional(),
    contractFrom: equipmentFieldShape.contractFrom.optional(),
    contractTo: equipmentFieldShape.contractTo.optional(),
    installedOn: equipmentFieldShape.installedOn.optional(),
    notes: equipmentFieldShape.notes.optional(),
  })
  .strict()
  .openapi('NewEquipment');
export const equipmentPatchSchema = z
  .object({
    version: versionField,
    model: equipmentFieldShape.model.optional(),
    serialNumber: equipmentFieldShape.serialNumber.optional(),
    siteAddress: equipmentFieldShape.siteAddress.optional(),
    contractNumber: equipmentFieldShape.contractNumber.optional(),
    contractFrom: equipmentFieldShape.contractFrom.optional(),
    contractTo: equipmentFieldShape.contractTo.optional(),
    installedOn: equipmentFieldShape.installedOn.optional(),
    removedOn: isoDate.nullable().optional().openapi({ description: 'The day the unit left service' }),
    notes: equipmentFieldShape.notes.optional(),
  })
  .strict()
  .openapi('EquipmentPatch');

export const visitSchema = z
  .object({
    id: z.uuid(),
    equipment: z.object({ id: z.uuid(), model: z.string(), serialNumber: z.string() }),
    client: ref,
    plannedDate: z.string(),
    engineer: person,
    kind: z.enum(VISIT_KINDS),
    result: z.string().nullable(),
    doneAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('ServiceVisit');
export const VISIT_SORTS = ['plannedDate', '-plannedDate', 'updatedAt', '-updatedAt'] as const;
export const listVisitsQuery = z.object({
  clientId: z.uuid().optional(),
  equipmentId: z.uuid().optional(),
  engineerId: z.uuid().optional(),
  kind: z.enum(VISIT_KINDS).optional(),
  done: bool,
  from: isoDate.optional().openapi({ description: 'Planned on or after this day' }),
  to: isoDate.optional().openapi({ description: 'Planned on or before this day' }),
  q: z.string().max(100).optional().openapi({ description: 'Text in the serial number, model or client' }),
  sort: z.enum(VISIT_SORTS).default('-plannedDate'),
  ...page,
});
export const newVisitSchema = z
  .object({ equipmentId: z.uuid(), plannedDate: isoDate, engineerId: z.uuid(), kind: z.enum(VISIT_KINDS), result: text(10_000).nullable().optional(), doneAt: z.iso.datetime().nullable().optional() })
  .strict()
  .openapi('NewServiceVisit');
export const visitPatchSchema = z
  .object({ version: versionField, plannedDate: isoDate.optional(), engineerId: z.uuid().optional(), kind: z.enum(VISIT_KINDS).optional(), result: text(10_000).nullable().optional(), doneAt: z.iso.datetime().nullable().optional() })
  .strict()
  .openapi('ServiceVisitPatch');

export const consultationSchema = z
  .object({
    id: z.uuid(),
    client: ref,
    equipment: z.object({ id: z.uuid(), model: z.string(), serialNumber: z.string() }).nullable(),
    question: z.string(),
    answer: z.string().nullable(),
    by: person,
    at: z.iso.datetime(),
    durationMinutes: z.number().int(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('PhoneConsultation');
export const CONSULTATION_SORTS = ['at', '-at', 'durationMinutes', '-durationMinutes'] as const;
export const listConsultationsQuery = z.object({
  clientId: z.uuid().optional(),
  equipmentId: z.uuid().optional(),
  byId: z.uuid().optional(),
  from: isoDate.optional().openapi({ description: 'On or after this day (UTC)' }),
  to: isoDate.optional().openapi({ description: 'On or before this day (UTC)' }),
  q: z.string().max(100).optional().openapi({ description: 'Text in the question, answer, serial number, model or client' }),
  sort: z.enum(CONSULTATION_SORTS).default('-at'),
  ...page,
});
const minutes = z.number().int().min(0).max(600);
export const newConsultationSchema = z
  .object({ clientId: z.uuid(), equipmentId: z.uuid().nullable().optional(), question: text(10_000), answer: text(10_000).nullable().optional(), at: z.iso.datetime().optional().openapi({ description: 'Default: now' }), durationMinutes: minutes })
  .strict()
  .openapi('NewPhoneConsultation');
export const consultationPatchSchema = z
  .object({ version: versionField, equipmentId: z.uuid().nullable().optional(), question: text(10_000).optional(), answer: text(10_000).nullable().optional(), at: z.iso.datetime().optional(), durationMinutes: minutes.optional() })
  .strict()
  .openapi('PhoneConsultationPatch');

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
