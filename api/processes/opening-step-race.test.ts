// A step withdrawn while it is still being opened. Its row is written, then the transition that
// wrote it goes on delivering the new-assignment e-mail - here to a mail server that holds every
// connection for seconds. A person who sees the row completes it while the other branch
// completes too: one of them wins the join, the other is refused with 409, and nothing waits
// for ever - neither the request nor the case's workflow.
//
// Before transitions ran as local activities, the workflow learnt who held the step only when
// the transition answered, so A2's completion waited for that while B1 withdrew the step: it
// never answered, and the workflow never ended (the settled() fix in route-process.ts; this test
// failed without it). A local activity answers inside the same workflow task, so that window is
// now open only when a transition outlasts the task's heartbeat or a worker dies mid-way; the
// fix stays for those, and this test still holds whichever request the workflow takes first.
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/testing/eventually.ts';
import { readCases, rowProblems } from '../../infra/testing/case-audit.ts';
import { firstJoinRoute } from '../../infra/testing/race-routes.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

const HOLD_MS = 3_000;
type Step = { assignmentId: string; stepId: string };

/** An SMTP server that accepts a connection, says nothing, and drops it after HOLD_MS. */
async function slowMailServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), HOLD_MS).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

let s: TestStack;
let mail: Awaited<ReturnType<typeof slowMailServer>>;
beforeAll(async () => {
  mail = await slowMailServer();
  s = await startTestStack({ smtpUrl: mail.url });
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'first-join', draft: firstJoinRoute() } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
});
afterAll(async () => {
  await s?.close();
  await mail?.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a step withdrawn while it is being opened', () => {
  it('answers both completions - one wins the join, the other gets 409 - and the case still ends', { timeout: 60_000 }, async () => {
    const started = await s.call<{ id: string; openSteps: Step[] }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'first-join', subject: 'Opening race' } });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const step = (stepId: string) => started.body.openSteps.find((x) => x.stepId === stepId)!;

    // A1 is completed; A2's row is written, and its e-mail is then held by the mail server.
    const a1 = s.call('POST', `/api/assignments/${step('a1').assignmentId}/complete`, { as: 'seller1', body: {} });
    const a2Row = await eventually(
      async () => (await s.em().execute<{ id: string }[]>(`select id from assignment where process_id = ? and step_id = 'a2'`, [id]))[0],
      (row) => row !== undefined,
      10_000,
    );
    // Someone quick completes A2 while the workflow still waits to hear who holds it...
    const a2 = s.call('POST', `/api/assignments/${a2Row!.id}/complete`, { as: 'seller1', body: {} });
    await pause(300);
    // ...and B1 is completed too: whichever the workflow takes first wins the join.
    const b1 = s.call('POST', `/api/assignments/${step('b1').assignmentId}/complete`, { as: 'seller2', body: {} });

    const noAnswer = pause(30_000).then(() => ({ status: 'no answer within 30 s' }));
    const answers = await Promise.all([Promise.race([a2, noAnswer]), Promise.race([b1, noAnswer])]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await a1).status).toBe(200);

    // The case goes on to its final step and ends; nothing stays open, its workflow ends too.
    const final = await eventually(
      async () => (await s.em().execute<{ id: string }[]>(`select id from assignment where process_id = ? and step_id = 'final' and status = 'open'`, [id]))[0],
      (row) => row !== undefined,
    );
    expect((await s.call('POST', `/api/assignments/${final!.id}/complete`, { as: 'seller3', body: {} })).status).toBe(200);
    const facts = (await readCases(s.em(), [id])).get(id)!;
    expect(facts.status).toBe('completed');
    expect(rowProblems(facts)).toEqual([]);
    const [a2Answer] = answers;
    const loser = a2Answer.status === 409 ? ['a2 withdrawn', 'b1 completed'] : ['a2 completed', 'b1 withdrawn'];
    expect(facts.rows.map((r) => `${r.stepId} ${r.status}`).sort()).toEqual(['a1 completed', ...loser, 'final completed']);
    const handle = s.client.workflow.getHandle(`process-${id}`);
    await eventually(async () => (await handle.describe()).status.name, (status) => status === 'COMPLETED', 10_000);
  });
});
