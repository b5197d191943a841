// The demo company's pipeline: deals for the demo clients in every stage, some won and some lost
// with their reasons, each with a stage history that took days - so the board, the refusal
// analysis and time-in-stage reports have something to show. Generated from the client list
// (ordered by INN) by a fixed rule, so the same clients always give the same deals.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { Deal, DealStage, DealStageChange } from '../../domain/entities/index.ts';
import type { DealStatus, LossReason, ProductLine } from '../../domain/deals/entities.ts';
import { DEMO_CLIENT_COUNT } from './demo-clients.ts';

const PRODUCTS: ProductLine[] = [
  { name: 'Холодильная витрина «Полюс» 1,5 м', quantity: 1, price: 18_500_000 },
  { name: 'Морозильный ларь 400 л', quantity: 1, price: 6_200_000 },
  { name: 'Холодильная камера КХН-6', quantity: 1, price: 42_000_000 },
  { name: 'Шкаф холодильный со стеклянной дверью', quantity: 1, price: 9_800_000 },
  { name: 'Монтаж и пусконаладка', quantity: 1, price: 3_500_000 },
];
const LOSS: LossReason[] = ['price', 'competitor', 'not-understood', 'no-budget', 'postponed'];
const TITLES = ['Оснащение торгового зала', 'Замена витрин', 'Холодильная камера для склада', 'Летний сезон: лари', 'Второй павильон'];

export interface DemoDeal {
  clientIndex: number;
  title: string;
  lines: ProductLine[];
  /** How far along the pipeline it got (index into the stages in board order). */
  stageIndex: number;
  status: DealStatus;
  lossReason: LossReason | null;
  /** Days ago it opened; each stage took `daysPerStage`. */
  openedDaysAgo: number;
  daysPerStage: number;
  plannedCloseInDays: number;
}

/** Deals for `clients` clients and a pipeline of `stages` stages; a function of the two counts. */
export function demoDeals(clients: number, stages: number): DemoDeal[] {
  const out: DemoDeal[] = [];
  for (let i = 0; i < clients; i++) {
    // The test company's 24 clients keep the deals the API tests know; past them two clients in
    // five have a deal (every fifteenth a second one), so 300 clients give about 150 deals.
    const perClient = i < DEMO_CLIENT_COUNT ? (i % 3 === 0 ? 2 : 1) : (i % 5 < 2 ? 1 : 0) + (i % 15 === 0 ? 1 : 0);
    for (let k = 0; k < perClient; k++) {
      const n = out.length;
      const status: DealStatus = n % 7 === 5 ? 'won' : n % 7 === 6 ? 'lost' : 'open';
      const stageIndex = status === 'won' ? stages - 1 : n % stages;
      // Equipment (1-4 units), and every other deal with installation as a line of its own.
      const lines = [{ ...PRODUCTS[n % 4]!, quantity: 1 + (n % 4) }, ...(n % 2 === 0 ? [PRODUCTS[4]!] : [])];
      const daysPerStage = 2 + (n % 5);
      out.push({
        clientIndex: i, title: TITLES[(i + k) % TITLES.length]!, lines, stageIndex, status,
        lossReason: status === 'lost' ? LOSS[n % LOSS.length]! : null,
        openedDaysAgo: daysPerStage * (stageIndex + 1) + (n % 3), daysPerStage, plannedCloseInDays: 5 + (n % 6) * 7,
      });
    }
  }
  return out;
}

const DAY = 24 * 3600 * 1000;

/** Writes the demo deals for the clients already written, owned by each client's owner. */
export async function writeDemoDeals(em: EntityManager, now: Date): Promise<void> {
  const stages = await em.find(DealStage, {}, { orderBy: { position: 'asc', code: 'asc' } });
  if (!stages.length) return;
  const { rows: clients } = await sql<{ id: string; owner_id: string }>`select id, owner_id from client order by inn, id`.execute(em.getKysely());
  for (const d of demoDeals(clients.length, stages.length)) {
    const client = clients[d.clientIndex]!;
    const opened = new Date(now.getTime() - d.openedDaysAgo * DAY);
    const at = (stage: number) => new Date(opened.getTime() + stage * d.daysPerStage * DAY);
    const stage = stages[d.stageIndex]!;
    const closed = d.status === 'open' ? null : at(d.stageIndex + 1);
    const closeDate = new Date(now.getTime() + d.plannedCloseInDays * DAY).toISOString().slice(0, 10);
    const deal = em.create(Deal, {
      id: crypto.randomUUID(), client: client.id, title: d.title, amount: d.lines.reduce((s, l) => s + l.quantity * l.price, 0), lines: d.lines,
      plannedCloseDate: closeDate, probability: d.status === 'won' ? 100 : d.status === 'lost' ? 0 : stage.probability, owner: client.owner_id,
      stage, stageEnteredAt: at(d.stageIndex), status: d.status, lossReason: d.lossReason,
      closeComment: d.status === 'lost' ? 'Клиент сообщил о решении по телефону' : null, lostAtStage: d.status === 'lost' ? stage : null,
      closedAt: closed, closedBy: closed ? client.owner_id : null, process: null, notes: null,
      createdBy: client.owner_id, createdAt: opened, updatedBy: client.owner_id, updatedAt: closed ?? at(d.stageIndex),
    });
    em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: 'created', fromStage: null, toStage: stages[0]!, by: client.owner_id, at: opened });
    for (let s = 1; s <= d.stageIndex; s++) em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: 'moved', fromStage: stages[s - 1]!, toStage: stages[s]!, by: client.owner_id, at: at(s) });
    if (closed && d.status !== 'open') em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: d.status, fromStage: stage, toStage: stage, by: client.owner_id, at: closed });
  }
  await em.flush();
}
