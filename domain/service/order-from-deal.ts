// A signed deal's installation order, made when the deal's route hands over to installation (a
// sub-process about an installation order, started from a case about a deal): the deal's client
// and product lines, the contract's number and installation date from the deal's case, the
// client's address as the site until the service head asks for a better one. One order per deal:
// a retried hand-over, or a deal route that hands over again, finds the order it made.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client, Deal, InstallationOrder, InstallationStatusChange } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function text(variables: Record<string, unknown>, name: string, what: string): string {
  const v = variables[name];
  if (typeof v !== 'string' || !v.trim()) throw new DomainError('unprocessable', `The installation order needs ${what}: the sub-process gets no "${name}"`, [{ path: `inputs.${name}`, message: 'is required' }]);
  return v.trim();
}

export async function installationOrderForDeal(em: EntityManager, dealId: string, variables: Record<string, unknown>, caseId: string): Promise<{ id: string; made: boolean }> {
  const existing = await em.findOne(InstallationOrder, { deal: dealId, status: { $ne: 'cancelled' } }, { fields: ['id'], orderBy: { createdAt: 'asc' } });
  if (existing) return { id: existing.id, made: false };
  const deal = await em.findOne(Deal, dealId, { fields: ['id', 'lines', 'owner', 'client'] });
  if (!deal) throw notFound('Deal', dealId);
  const contractNumber = text(variables, 'contract_no', 'the contract number');
  const installBy = text(variables, 'install_by', 'the contract\'s installation date');
  if (!DATE.test(installBy)) throw new DomainError('unprocessable', `install_by must be a date (YYYY-MM-DD), not ${installBy}`, [{ path: 'inputs.install_by', message: 'not a date' }]);
  const client = await em.findOne(Client, deal.client.id, { fields: ['id', 'legalAddress'] });
  const now = new Date();
  const order = em.create(InstallationOrder, {
    id: crypto.randomUUID(), client: deal.client.id, deal: deal.id, contractNumber: contractNumber.slice(0, 100), installBy,
    // The service head checks the site when accepting the hand-over and returns it when it is not the legal address.
    siteAddress: client?.legalAddress?.trim() || '—',
    lines: deal.lines.filter((l) => l.quantity > 0).map((l) => ({ model: l.name, quantity: l.quantity })),
    status: 'new', missing: null, returnDeadline: null, scheduledDate: null, engineer: null,
    actNumber: null, actDate: null, doneBy: null, cancelReason: null, notes: null,
    createdBy: deal.owner.id, createdAt: now, updatedBy: deal.owner.id, updatedAt: now,
  });
  em.create(InstallationStatusChange, { id: crypto.randomUUID(), order, move: 'create', fromStatus: null, toStatus: 'new', by: null, caseId, comment: null, at: now });
  await em.flush();
  return { id: order.id, made: true };
}
