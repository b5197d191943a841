// No orphaned work, on the real server: completions racing a first-answer join, a cancel racing
// a completion, an end node racing a step that opens - many cases at once, several rounds. After
// each round, every case's open assignment rows in PostgreSQL are exactly the steps its workflow
// holds open (none at all once it has ended), no step has two rows, no event is recorded twice,
// and completing work the case withdrew answers 409 - never 404, never a hang.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCases, rowProblems, type CaseFacts } from '../../infra/testing/case-audit.ts';
import { chainRoute, endWhileOpeningRoute, firstJoinRoute } from '../../infra/testing/race-routes.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { liveStateQuery } from '../../workflows/contract.ts';

const CASES = 12;
const ROUNDS = 3;

type Step = { assignmentId: string; stepId: string };
type Started = { id: string; openSteps: Step[] };
type Completed = { openedSteps?: Step[] };

/** Who does each step of the three routes. */
const WHO: Record<string, string> = { a1: 'seller1', a2: 'seller1', b1: 'seller2', final: 'seller3', t1: 'seller1', t2: 'seller1', t3: 'seller1', ta: 'seller1', tb1: 'seller2', tb2: 'seller2' };

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  for (const [key, draft] of [['first-join', firstJoinRoute()], ['chain', chainRoute(3)], ['end-while-opening', endWhileOpeningRoute()]] as const) {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => s?.close());

/** Every answer to a racing request: anything but 200 or 409 fails the test with its body. */
const answers: { what: string; status: number; body: unknown }[] = [];
const tally = new Map<string, number>();
const count = (outcome: string) => tally.set(outcome, (tally.get(outcome) ?? 0) + 1);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A few milliseconds either way, so both orders of two "simultaneous" requests happen. */
const jitter = () => pause(Math.floor(Math.random() * 15));

async function start(routeKey: string, n: number): Promise<Started> {
  const res = await s.call<Started>('POST', '/api/processes', { as: 'seller1', body: { routeKey, subject: `${routeKey} #${n}` } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const stepOf = (steps: Step[] | undefined, stepId: string) => steps?.find((x) => x.stepId === stepId);

async function complete(step: Step, body: Record<string, unknown> = {}): Promise<{ status: number; opened: Step[] }> {
  const res = await s.call<Completed>('POST', `/api/assignments/${step.assignmentId}/complete`, { as: WHO[step.stepId]!, body });
  answers.push({ what: `complete ${step.stepId}`, status: res.status, body: res.body });
  return { status: res.status, opened: res.body.openedSteps ?? [] };
}

async function cancel(id: string): Promise<number> {
  const res = await s.call('POST', `/api/processes/${id}/cancel`, { as: 'seller1', body: { reason: 'Changed our mind' } });
  answers.push({ what: 'cancel', status: res.status, body: res.body });
  return res.status;
}

/** The step's row as soon as it is written (a user refreshing fast), or none within 3 s. */
async function rowOnceOpen(processId: string, stepId: string): Promise<Step | undefined> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    const [row] = await s.em().execute<{ id: string }[]>(`select id from assignment where process_id = ? and step_id = ? and status = 'open'`, [processId, stepId]);
    if (row) return { assignmentId: row.id, stepId };
    await pause(10);
  }
  return undefined;
}

/** Everything that disagrees between PostgreSQL and the workflows of these cases. */
async function disagreements(ids: string[]): Promise<{ problems: string[]; facts: Map<string, CaseFacts> }> {
  const facts = await readCases(s.em(), ids);
  const problems: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      const c = facts.get(id);
      if (!c) return void problems.push(`case ${id}: no row`);
      problems.push(...rowProblems(c));
      const handle = s.client.workflow.getHandle(`process-${id}`);
      if (c.status !== 'running') {
        const { status } = await handle.describe();
        if (status.name === 'RUNNING') problems.push(`case ${id}: ${c.status} in PostgreSQL, its workflow still runs`);
        return;
      }
      const live = await handle.query(liveStateQuery);
      const held = live.openSteps.map((x) => `${x.stepId} ${x.assignmentId}`).sort();
      const open = c.rows.filter((r) => r.status === 'open').map((r) => `${r.stepId} ${r.id}`).sort();
      if (held.join() !== open.join()) problems.push(`case ${id}: open rows [${open.join('; ')}], the workflow holds [${held.join('; ')}]`);
    }),
  );
  return { problems, facts };
}

/** Waits until PostgreSQL and the workflows agree; an orphan never does, and fails the test. */
async function settled(ids: string[]): Promise<Map<string, CaseFacts>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { problems, facts } = await disagreements(ids);
    if (problems.length === 0) return facts;
    if (Date.now() > deadline) expect(problems).toEqual([]);
    await pause(200);
  }
}

function expectOnly200or409(): void {
  const odd = answers.filter((a) => a.status !== 200 && a.status !== 409);
  expect(odd, JSON.stringify(odd.slice(0, 3))).toEqual([]);
}

/** Completing what the case withdrew is a conflict the client can show, at once. */
async function expectWithdrawnRefused(facts: Map<string, CaseFacts>): Promise<void> {
  const withdrawn = [...facts.values()].flatMap((c) => c.rows.filter((r) => r.status === 'withdrawn'));
  const statuses = await Promise.all(withdrawn.map(async (r) => (await complete({ assignmentId: r.id, stepId: r.stepId })).status));
  expect(statuses.filter((x) => x !== 409)).toEqual([]);
}

describe('no orphaned work', () => {
  it(`holds over ${ROUNDS} rounds of ${CASES} cases of each race at once`, { timeout: 120_000 }, async () => {
    const began = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      answers.length = 0;
      const [joins, cancels, ends] = await Promise.all([
        Promise.all(Array.from({ length: CASES }, (_, n) => start('first-join', n))),
        Promise.all(Array.from({ length: CASES }, (_, n) => start('chain', n))),
        Promise.all(Array.from({ length: CASES }, (_, n) => start('end-while-opening', n))),
      ]);

      await Promise.all([
        // (a) The first-answer join fires while branch A opens A2, and A2 is completed the
        // instant it opens, racing the join that withdraws it. A1 and B1 go at the same moment,
        // and A2 is completed from A1's answer (n % 3 = 0) or as soon as its row shows in
        // PostgreSQL (1) - possibly before the workflow has heard back that it is written; or B1
        // waits for A2's row and goes together with A2 (2).
        ...joins.map(async (c, n) => {
          const a1 = stepOf(c.openSteps, 'a1')!;
          const b1 = stepOf(c.openSteps, 'b1')!;
          if (n % 3 === 2) {
            const first = await complete(a1);
            const row = await rowOnceOpen(c.id, 'a2');
            const [a2, b] = row ? await Promise.all([jitter().then(() => complete(row)), jitter().then(() => complete(b1))]) : [undefined, await complete(b1)];
            return count(`join (b1 with a2's row): a1 ${first.status}, a2 ${a2?.status ?? '-'}, b1 ${b.status}`);
          }
          const [a, b] = await Promise.all([
            jitter().then(async () => {
              if (n % 3 === 1) {
                const [first, a2] = await Promise.all([complete(a1), rowOnceOpen(c.id, 'a2').then((r) => (r ? complete(r) : undefined))]);
                return { a1: first.status, a2: a2?.status };
              }
              const first = await complete(a1);
              const a2 = stepOf(first.opened, 'a2');
              return { a1: first.status, a2: a2 ? (await complete(a2)).status : undefined };
            }),
            jitter().then(async () => (await complete(b1)).status),
          ]);
          count(`join (a1 with b1, a2 from ${n % 3 ? 'its row' : "a1's answer"}): a1 ${a.a1}, a2 ${a.a2 ?? '-'}, b1 ${b}`);
        }),
        // (b) A cancel at the moment a completion opens the next step (or the one after).
        ...cancels.map(async (c) => {
          const [done, cancelled] = await Promise.all([
            jitter().then(async () => {
              const t1 = await complete(stepOf(c.openSteps, 't1')!);
              const t2 = stepOf(t1.opened, 't2');
              return `t1 ${t1.status}, t2 ${t2 ? (await complete(t2)).status : '-'}`;
            }),
            pause(Math.floor(Math.random() * 150)).then(() => cancel(c.id)),
          ]);
          expect(cancelled).toBe(200);
          count(`cancel: ${done}`);
        }),
        // (c) An end node on branch A while branch B opens its next step.
        ...ends.map(async (c) => {
          const [ta, tb] = await Promise.all([
            jitter().then(async () => (await complete(stepOf(c.openSteps, 'ta')!, { outcome: 'stop' })).status),
            jitter().then(async () => {
              const tb1 = await complete(stepOf(c.openSteps, 'tb1')!);
              const tb2 = stepOf(tb1.opened, 'tb2');
              return `tb1 ${tb1.status}, tb2 ${tb2 ? (await complete(tb2)).status : '-'}`;
            }),
          ]);
          expect(ta).toBe(200);
          count(`end: ${tb}`);
        }),
      ]);
      expectOnly200or409();

      const ids = [...joins, ...cancels, ...ends].map((c) => c.id);
      const facts = await settled(ids);
      for (const c of joins) {
        // The join fired once and the case waits at the final step, whichever branch won.
        expect(facts.get(c.id)?.status).toBe('running');
        expect(facts.get(c.id)?.rows.filter((r) => r.status === 'open').map((r) => r.stepId)).toEqual(['final']);
      }
      for (const c of cancels) expect(facts.get(c.id)?.status).toBe('cancelled');
      for (const c of ends) expect(facts.get(c.id)?.status).toBe('completed');
      await expectWithdrawnRefused(facts);

      // The joins' cases finish, and nothing of them is left open.
      const finals = joins.map((c) => facts.get(c.id)!.rows.find((r) => r.stepId === 'final')!);
      expect((await Promise.all(finals.map((r) => complete({ assignmentId: r.id, stepId: r.stepId })))).map((r) => r.status)).toEqual(finals.map(() => 200));
      const after = await settled(joins.map((c) => c.id));
      for (const c of joins) expect(after.get(c.id)?.status).toBe('completed');
      const open = await s.em().execute<{ n: string }[]>(`select count(*) as n from assignment where status = 'open'`);
      expect(Number(open[0]?.n)).toBe(0);
    }
    console.log(`[no-orphans] ${ROUNDS} rounds x ${3 * CASES} cases in ${((Date.now() - began) / 1000).toFixed(1)} s; interleavings seen:\n${[...tally].sort().map(([k, v]) => `  ${v}x ${k}`).join('\n')}`);
  });
});
