// The demo company at work: cases of the shipped routes in every state, so the inbox, the case
// manager, the deals board's route moves and the management views are not empty on day one.
// Started once, after the worker runs, through the code paths the API uses (a deal opened with its
// route, a complaint's route, an invoice's payment reminder, the processes start use case for
// birthday calls) and moved along by completing steps the way the inbox does. Some cases are
// started "in the past" (the engine clock set back to when their record came in), so their steps
// are overdue and their escalations fire, as they would have.
//
// Restartable: every deal, case and completion takes its ids from a fixed idempotency key, so a
// run cut short is finished by the next start and nothing is written twice; a marker row in the
// audit trail ("demo.cases") says the job is done. Installation hand-offs are not started here:
// signing a deal through its route starts them.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { startComplaintRoute } from '../api/complaints/complaint-route.ts';
import { startDealRoute } from '../api/deals/deal-route.ts';
import { startPaymentReminder } from '../api/invoices/payment-reminder.ts';
import { startProcess } from '../api/processes/process-store.ts';
import { temporalEngine } from '../api/processes/temporal-engine.ts';
import { completeAssignment } from '../domain/assignments/complete-assignment.ts';
import { createDeal } from '../domain/deals/create-deal.ts';
import { AuditEntry, Invoice } from '../domain/entities/index.ts';
import { createInvoice } from '../domain/invoices/create-invoice.ts';
import { caseIds, deriveId } from '../domain/idempotency/derive-ids.ts';
import type { Actor } from '../domain/identity/roles.ts';
import type { FormValue } from '../domain/routes/step-input.ts';
import { demoEmail } from './db/demo-data.ts';
import type { Orm } from './db/orm.ts';

export const DEMO_CASES_MARKER = 'demo.cases';

export interface DemoCasesDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  /** Today (tests may pin it); the wall clock by default. */
  now?: () => Date;
  /** Run even when the marker says it ran (tests: a run cut short before writing its marker). */
  ignoreMarker?: boolean;
  /** How long to wait for a step a case opens asynchronously (after a timer) before leaving it. */
  stepWaitMs?: number;
}

export interface DemoCasesResult {
  /** False when the marker says it was done already, or there is no demo company. */
  ran: boolean;
  started: number;
  completed: number;
  ms: number;
}

/** One step to complete: the step's id, its outcome and form, and who completes it (default: the case's starter). */
interface Move {
  step: string;
  outcome?: string;
  form?: Record<string, FormValue>;
  by?: string;
}

const DAY = 24 * 3600 * 1000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function startDemoCases(deps: DemoCasesDeps): Promise<DemoCasesResult> {
  const t0 = Date.now();
  const em = deps.orm.em.fork();
  const result: DemoCasesResult = { ran: false, started: 0, completed: 0, ms: 0 };
  if (!deps.ignoreMarker && (await em.count(AuditEntry, { action: DEMO_CASES_MARKER })) > 0) return { ...result, ms: Date.now() - t0 };
  const actors = await demoActors(em);
  if (!actors.has('seller1') || !actors.has('quality')) return { ...result, ms: Date.now() - t0 };
  result.ran = true;
  const now = deps.now?.() ?? new Date();
  const engine = temporalEngine(deps.temporal, deps.taskQueue);
  const base = { temporal: deps.temporal, taskQueue: deps.taskQueue };
  const at = (d: Date) => ({ ...base, engineClock: () => d });
  const actor = (key: string) => actors.get(key)!;

  /** Completes `moves` in order in case `processId`; a step already done (an earlier run) is skipped. */
  async function moveAlong(processId: string, starter: string, key: string, moves: Move[]): Promise<void> {
    for (const m of moves) {
      const by = actor(m.by ?? starter);
      const assignmentId = await waitForStep(em, processId, m.step, deps.stepWaitMs ?? 15_000);
      if (assignmentId === 'done') continue;
      if (assignmentId === null) return; // not reached (yet): the case stays where it is
      await completeAssignment({ em: em.fork(), engine }, by, {
        assignmentId,
        input: { ...(m.outcome ? { outcome: m.outcome } : {}), form: m.form ?? {} },
        idempotencyKey: `${key}:${m.step}`,
      });
      result.completed += 1;
    }
  }

  // Deals: each seller opens four with clients of their own; they stand at the demonstration (a
  // fortnight old: late and escalated), the client's decision, the contract (lawyer and assistant at work), and
  // signed (hand-off and payment under way) - or, for the third seller, lost at the demonstration.
  const installBy = isoDay(new Date(now.getTime() + 30 * DAY));
  const invoiceDue = isoDay(new Date(now.getTime() + 20 * DAY));
  const demo: Move = { step: 'demo', outcome: 'interested' };
  const proposal: Move = { step: 'proposal', form: { link: 'https://leader.example/kp/demo.pdf' } };
  const toContract: Move[] = [demo, proposal, { step: 'decision', outcome: 'accepted' }, { step: 'contract-draft', form: { contract_no: 'Д-DEMO', install_by: installBy } }];
  // The assistant's step asks for the number of the invoice issued for the deal (issued below).
  const signed = (invoiceNo: string): Move[] => [
    ...toContract,
    { step: 'legal-review', outcome: 'approved', by: 'lawyer' },
    { step: 'prepare-documents', form: { invoice_no: invoiceNo }, by: 'assistant' },
    { step: 'sign', outcome: 'signed' },
  ];
  const lost: Move[] = [{ step: 'demo', outcome: 'not_interested', form: { reason: 'Купили у конкурента дешевле' } }];
  const dealPlans: { daysAgo: number; title: string; invoice?: boolean; moves: (seller: string, invoiceNo: string) => Move[] }[] = [
    { daysAgo: 14, title: 'Витрины для нового зала', moves: () => [] },
    { daysAgo: 4, title: 'Морозильные лари к сезону', moves: () => [demo, proposal] },
    { daysAgo: 3, title: 'Холодильная камера для склада', moves: () => toContract },
    { daysAgo: 2, title: 'Оснащение второго павильона', invoice: true, moves: (seller, invoiceNo) => (seller === 'seller3' ? lost : signed(invoiceNo)) },
  ];
  const dealLines = [{ name: 'Холодильная витрина «Полюс» 1,5 м', quantity: 2, price: 18_500_000 }, { name: 'Морозильный ларь 400 л', quantity: 1, price: 3_500_000 }];
  for (const seller of ['seller1', 'seller2', 'seller3']) {
    const a = actor(seller);
    const { rows: clients } = await sql<{ id: string; name: string }>`
      select id, name from client where owner_id = ${a.employeeId}::uuid and stage <> 'lost' order by inn, id limit ${dealPlans.length}`.execute(em.getKysely());
    for (const [k, plan] of dealPlans.entries()) {
      const client = clients[k];
      if (!client) continue;
      const key = `demo-cases:deal:${seller}:${k}`;
      const dealId = await createDeal(em.fork(), a, {
        id: deriveId(a.employeeId, key, 'deal.create'), clientId: client.id, title: plan.title, lines: dealLines,
        plannedCloseDate: isoDay(new Date(now.getTime() + 21 * DAY)), notes: null,
      });
      await startDealRoute(em.fork(), at(new Date(now.getTime() - plan.daysAgo * DAY)), a, dealId, key);
      const processId = caseIds(a.employeeId, `${key}:deal-route`).processId;
      result.started += 1;
      let invoiceNo = '';
      if (plan.invoice && seller !== 'seller3') {
        // Issued for the deal before signing: issuing starts its payment reminder.
        const invoiceId = await createInvoice(em.fork(), a, {
          id: deriveId(a.employeeId, key, 'invoice.create'), clientId: client.id, dealId, lines: dealLines,
          issueDate: isoDay(now), dueDate: invoiceDue, draft: false, schedule: [], notes: null,
        });
        await startPaymentReminder(em.fork(), base, a, invoiceId, `${key}:invoice`);
        invoiceNo = (await em.fork().findOneOrFail(Invoice, invoiceId, { fields: ['number'] })).number;
      }
      await moveAlong(processId, seller, key, plan.moves(seller, invoiceNo));
    }
  }

  // Complaints still open in the demo data (or decided by an earlier, interrupted run) get their route, started when each came in (so the
  // 3-day clock is as late as the complaint): one in three waits for review, one has legal and
  // service asked for opinions, one is called back and decided.
  const { rows: complaints } = await sql<{ id: string; registered_at: Date }>`
    select id, registered_at from complaint c
    where c.status in ('registered', 'in-work') or exists(select 1 from process p where p.record_type = 'complaint' and p.record_id = c.id)
    order by number limit 9`.execute(em.getKysely());
  for (const [j, c] of complaints.entries()) {
    const key = `demo-cases:complaint:${c.id}`;
    await startComplaintRoute(em.fork(), at(new Date(c.registered_at)), actor('quality'), c.id, key);
    const processId = caseIds(actor('quality').employeeId, `${key}:complaint-route`).processId;
    result.started += 1;
    const moves: Move[][] = [
      [],
      [{ step: 'review', outcome: 'involve', form: { legal: true, service: true, sales: false } }],
      [
        { step: 'review', outcome: 'decide', form: {} },
        { step: 'call-client', form: { call_notes: 'Клиент согласен с предложенным решением' } },
        { step: 'decide', form: { decision: 'Выезд инженера за наш счёт, неисправность устранена по гарантии.', decision_kind: 'Удовлетворена' } },
      ],
    ];
    await moveAlong(processId, 'quality', key, moves[j % 3]!);
  }

  // Payment reminders for unpaid invoices, nearest due date first: overdue ones open the owner's
  // call at once; one in three is confirmed (then waits for the payment), one in three is not
  // (the commercial director decides).
  const { rows: invoices } = await sql<{ id: string; owner: string; due_date: string }>`
    select i.id, o.email as owner, to_char(i.due_date, 'YYYY-MM-DD') as due_date from invoice i join client c on c.id = i.client_id join employee o on o.id = c.owner_id
    where i.state = 'issued' and i.paid < i.amount order by i.due_date, i.number limit 9`.execute(em.getKysely());
  const byEmail = new Map([...actors].map(([k, v]) => [v.email, k]));
  for (const [j, inv] of invoices.entries()) {
    const ownerKey = byEmail.get(inv.owner);
    if (!ownerKey) continue;
    const key = `demo-cases:invoice:${inv.id}`;
    await startPaymentReminder(em.fork(), base, actor(ownerKey), inv.id, key);
    const processId = caseIds(actor(ownerKey).employeeId, `${key}:payment-reminder`).processId;
    result.started += 1;
    const moves: Move[][] = [
      [],
      [{ step: 'call', outcome: 'confirmed', form: { promised_on: isoDay(new Date(now.getTime() + 2 * DAY)), notes: 'Обещали оплатить до конца недели' } }],
      [{ step: 'call', outcome: 'not_confirmed', form: { notes: 'Бухгалтер говорит, что денег нет до следующего месяца' } }],
    ];
    // Only due dates already within reach open the call now; the others wait for their day.
    if (inv.due_date <= isoDay(new Date(now.getTime() + 3 * DAY))) await moveAlong(processId, ownerKey, key, moves[j % 3]!);
  }

  // Birthday calls of the last three days, as the morning schedule would have started them (the
  // same key, so the schedule never starts one twice); the oldest one is done.
  const { rows: birthdays } = await sql<{ contact_id: string; contact: string; phone: string | null; client_id: string; client: string; owner: string; day: string }>`
    select ct.id as contact_id, ct.full_name as contact, ct.phones[1] as phone, c.id as client_id, c.name as client, o.email as owner, to_char(d.day, 'YYYY-MM-DD') as day
    from generate_series(${isoDay(new Date(now.getTime() - 2 * DAY))}::date, ${isoDay(now)}::date, interval '1 day') d(day)
    join client_contact ct on ct.birth_day = extract(day from d.day) and ct.birth_month = extract(month from d.day)
    join client c on c.id = ct.client_id join employee o on o.id = c.owner_id
    order by d.day, ct.id limit 4`.execute(em.getKysely());
  for (const [j, b] of birthdays.entries()) {
    const ownerKey = byEmail.get(b.owner);
    if (!ownerKey) continue;
    const key = `birthday-call:${b.contact_id}:${b.day}`;
    await startProcess(em.fork(), at(new Date(`${b.day}T06:00:00Z`)), actor(ownerKey), {
      routeKey: 'birthday-call',
      subject: `${b.contact}, ${b.client}: день рождения`,
      variables: { owner: b.owner, client: b.client, client_id: b.client_id, contact: b.contact, birthday: b.day, ...(b.phone ? { phone: b.phone } : {}) },
    }, key);
    result.started += 1;
    if (j === 0) await moveAlong(caseIds(actor(ownerKey).employeeId, key).processId, ownerKey, key, [{ step: 'call', outcome: 'congratulated', form: { notes: 'Поздравил, клиент благодарит' } }]);
  }

  result.ms = Date.now() - t0;
  em.create(AuditEntry, {
    id: crypto.randomUUID(), at: new Date(), actor: null, actorKind: 'anonymous', actorLabel: 'npm start (demo company)', action: DEMO_CASES_MARKER,
    targetType: null, targetId: null, details: { started: result.started, completed: result.completed }, ip: null, userAgent: null, status: 200,
  });
  await em.flush();
  return result;
}

/** The demo employees as actors, by key (seller1, quality...). */
async function demoActors(em: EntityManager): Promise<Map<string, Actor>> {
  const { rows } = await sql<{ id: string; email: string; roles: string[] }>`
    select e.id, e.email, coalesce(array_agg(er.role_code) filter (where er.role_code is not null), '{}') as roles
    from employee e left join employee_roles er on er.employee_id = e.id where e.active group by e.id, e.email`.execute(em.getKysely());
  const out = new Map<string, Actor>();
  for (const r of rows) {
    const key = r.email.endsWith(`@${demoEmail('').slice(1)}`) ? r.email.split('@')[0]! : null;
    if (key) out.set(key, { employeeId: r.id, email: r.email, roles: r.roles });
  }
  return out;
}

/** The open assignment of `step` in the case, 'done' when its latest one is completed, null if none came in time. */
async function waitForStep(em: EntityManager, processId: string, step: string, waitMs: number): Promise<string | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    const { rows } = await sql<{ id: string; status: string }>`
      select id, status from assignment where process_id = ${processId}::uuid and step_id = ${step} order by opened_at desc, id limit 1`.execute(em.getKysely());
    const a = rows[0];
    if (a?.status === 'open') return a.id;
    if (a?.status === 'completed') return 'done';
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 200));
  }
}
