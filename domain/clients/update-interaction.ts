// Rescheduling, reassigning or completing an interaction, on the version the person saw.
// Completing a planned one (status "done") needs its report; a done one stays done.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Interaction } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkContactOf, checkEmployeeFor, reportMissing, type InteractionFields } from './create-interaction.ts';
import { checkInteractionWrite } from './interaction-access.ts';
import { StaleVersion, flushVersioned } from './stale-version.ts';

export interface UpdateInteractionOptions {
  version: number;
  fields: Partial<InteractionFields>;
  contactId?: string | null | undefined;
  employeeId?: string | undefined;
}

export async function updateInteraction(em: EntityManager, actor: Actor, interactionId: string, opts: UpdateInteractionOptions): Promise<void> {
  const { clientId } = await checkInteractionWrite(em, actor, interactionId);
  const interaction = await em.findOneOrFail(Interaction, interactionId);
  if (interaction.version !== opts.version) throw new StaleVersion('Interaction', interactionId, opts.version, interaction.version);
  const f = opts.fields;
  if (interaction.status === 'done' && f.status === 'planned') {
    throw new DomainError('unprocessable', 'A done interaction stays done; plan the next one instead', [{ path: 'status', message: 'cannot go back to planned' }]);
  }
  const status = f.status ?? interaction.status;
  const report = f.report !== undefined ? f.report : (interaction.report ?? null);
  if (status === 'done' && !report) throw reportMissing();
  if (opts.employeeId !== undefined && opts.employeeId !== interaction.employee.id) await checkEmployeeFor(em, actor, opts.employeeId);
  if (opts.contactId) await checkContactOf(em, clientId, opts.contactId);
  const now = new Date();
  em.assign(interaction, {
    ...f,
    ...(opts.contactId !== undefined ? { contact: opts.contactId } : {}),
    ...(opts.employeeId !== undefined ? { employee: opts.employeeId } : {}),
    ...(status === 'done' && interaction.status === 'planned' ? { completedAt: now } : {}),
    updatedAt: now,
  });
  await flushVersioned(() => em.flush(), 'Interaction', interactionId, opts.version);
}
