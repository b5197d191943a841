// Recording a call, meeting, demonstration, e-mail or letter with a client: planned (when, how
// long) or done (when, the report, the result), with the next contact date. Anyone who sees the
// client records their own; putting one in someone else's calendar is for their managers,
// management and admins.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientContact, Interaction } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkActiveEmployee, clientRights, mayAssignTo } from './client-access.ts';
import type { InteractionKind, InteractionStatus } from './entities.ts';

export interface InteractionFields {
  kind: InteractionKind;
  status: InteractionStatus;
  at: Date;
  durationMinutes: number | null;
  subject: string | null;
  report: string | null;
  result: string | null;
  nextContactAt: Date | null;
}

export interface CreateInteractionOptions {
  id?: string | undefined;
  clientId: string;
  contactId?: string | null | undefined;
  employeeId?: string | undefined;
  fields: InteractionFields;
}

export const reportMissing = () =>
  new DomainError('invalid_input', 'A done interaction needs its report: what was discussed and agreed', [{ path: 'report', message: 'is required once the interaction is done' }]);

export async function checkContactOf(em: EntityManager, clientId: string, contactId: string): Promise<void> {
  if (!(await em.count(ClientContact, { id: contactId, client: clientId }))) {
    throw new DomainError('unprocessable', 'This contact person does not belong to the client', [{ path: 'contactId', message: 'not a contact person of this client' }]);
  }
}

export async function checkEmployeeFor(em: EntityManager, actor: Actor, employeeId: string): Promise<void> {
  if (employeeId === actor.employeeId) return;
  await checkActiveEmployee(em, employeeId, 'employeeId');
  if (!(await mayAssignTo(em, actor, employeeId))) throw new DomainError('forbidden', 'You may plan interactions only for yourself and your own reports', [{ path: 'employeeId', message: 'not one of your reports' }]);
}

export async function createInteraction(em: EntityManager, actor: Actor, opts: CreateInteractionOptions): Promise<string> {
  if (opts.id && (await em.count(Interaction, { id: opts.id }))) return opts.id; // a retried request that already created it
  await clientRights(em, actor, opts.clientId);
  const f = opts.fields;
  if (f.status === 'done' && !f.report) throw reportMissing();
  const employeeId = opts.employeeId ?? actor.employeeId;
  await checkEmployeeFor(em, actor, employeeId);
  if (opts.contactId) await checkContactOf(em, opts.clientId, opts.contactId);
  const now = new Date();
  const interaction = em.create(Interaction, {
    id: opts.id ?? crypto.randomUUID(),
    client: opts.clientId,
    contact: opts.contactId ?? null,
    employee: employeeId,
    ...f,
    completedAt: f.status === 'done' ? now : null,
    createdBy: actor.employeeId,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  return interaction.id;
}
