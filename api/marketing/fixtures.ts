// Test fixtures for marketing: clients, tags, deals and payments written straight to the
// database, so a test knows exactly which clients a filter must select and what they earned.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client, ClientTag, Deal, DealStage, Employee, Invoice, InvoicePayment } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';

export async function employeeId(em: EntityManager, key: string): Promise<string> {
  return (await em.findOneOrFail(Employee, { email: demoEmail(key) })).id;
}

export interface ClientSpec {
  name: string;
  region: string;
  owner: string;
  stage?: 'potential' | 'one-time' | 'regular' | 'lost';
  sourceChannel?: 'advertising' | 'exhibition' | 'website' | 'mailing' | null;
  email?: string | null;
  consent?: boolean;
  tags?: string[];
}

export async function makeTag(em: EntityManager, name: string, parentId: string | null = null): Promise<string> {
  const t = em.create(ClientTag, { id: crypto.randomUUID(), name, parent: parentId, createdAt: new Date() });
  await em.flush();
  return t.id;
}

export async function makeClient(em: EntityManager, spec: ClientSpec): Promise<string> {
  const owner = await employeeId(em, spec.owner);
  const now = new Date();
  const email = spec.email === undefined ? `${crypto.randomUUID().slice(0, 8)}@client.example` : spec.email;
  const c = em.create(Client, {
    id: crypto.randomUUID(), name: spec.name, kind: 'legal', region: spec.region, email, emailKey: email?.toLowerCase() ?? null, sourceChannel: spec.sourceChannel ?? null,
    owner, stage: spec.stage ?? 'potential', marketingConsent: spec.consent ?? true, createdBy: owner, createdAt: now, updatedBy: owner, updatedAt: now,
  });
  for (const t of spec.tags ?? []) c.tags.add(em.getReference(ClientTag, t));
  await em.flush();
  return c.id;
}

/** A deal of the client created at `createdAt`, with an invoice paid `payments` ([day, kopecks]). */
export async function makeDeal(em: EntityManager, clientId: string, o: { createdAt: Date; status?: 'open' | 'won' | 'lost'; amount: number; payments?: [string, number][] }): Promise<string> {
  const client = await em.findOneOrFail(Client, clientId);
  const stage = (await em.find(DealStage, {}, { orderBy: { position: 'asc' }, limit: 1 }))[0]!;
  const owner = client.owner.id;
  const d = em.create(Deal, {
    id: crypto.randomUUID(), client: clientId, title: `Сделка ${client.name}`, amount: o.amount, lines: [], probability: 50, owner, stage: stage.id, stageEnteredAt: o.createdAt,
    status: o.status ?? 'open', closedAt: o.status && o.status !== 'open' ? o.createdAt : null, createdBy: owner, createdAt: o.createdAt, updatedBy: owner, updatedAt: o.createdAt,
  });
  if (o.payments?.length) {
    const paid = o.payments.reduce((a, [, k]) => a + k, 0);
    const inv = em.create(Invoice, {
      id: crypto.randomUUID(), number: `T-${crypto.randomUUID().slice(0, 12)}`, client: clientId, deal: d.id, amount: o.amount, lines: [], issueDate: o.payments[0]![0], dueDate: o.payments[0]![0],
      state: 'issued', paid, createdBy: owner, createdAt: o.createdAt, updatedBy: owner, updatedAt: o.createdAt,
    });
    for (const [day, amount] of o.payments) {
      em.create(InvoicePayment, { id: crypto.randomUUID(), invoice: inv.id, paidOn: day, amount, documentNumber: `PP-${crypto.randomUUID().slice(0, 6)}`, recordedBy: owner, recordedAt: new Date() });
    }
  }
  await em.flush();
  return d.id;
}
