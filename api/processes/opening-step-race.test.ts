// A step withdrawn while it is still being opened. Its row is written, then the transition that
// wrote it goes on delivering the new-assignment e-mail - here to a mail server that holds every
// connection for seconds - so the workflow does not yet know who holds the step. A person who
// sees the row completes it, and the other branch wins the join meanwhile: the completion must
// be refused (409) the moment the step is withdrawn, not wait for ever for an assignee that will
// never come - and keep the case's workflow from ending with it.
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
  it('refuses its completion with 409 at once, and the case still ends', { timeout: 60_000 }, async () => {
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
    const a2Sent = Date.now();
    const a2 = s.call('POST', `/api/assignments/${a2Row!.id}/complete`, { as: 'seller1', body: {} }).then((r) => ({ ...r, after: Date.now() - a2Sent }));
    await pause(300);
    // ...and B1 wins the join, withdrawing A2.
    const b1 = s.call('POST', `/api/assignments/${step('b1').assignmentId}/complete`, { as: 'seller2', body: {} });

    const refused = await Promise.race([a2, pause(20_000).then(() => ({ status: 'no answer within 20 s', after: 20_000 }))]);
    expect(refused.status).toBe(409);
    expect((await a1).status).toBe(200);
    expect((await b1).status).toBe(200);

    // The case goes on to its final step and ends; nothing stays open, its workflow ends too.
    const final = await eventually(
      async () => (await s.em().execute<{ id: string }[]>(`select id from assignment where process_id = ? and step_id = 'final' and status = 'open'`, [id]))[0],
      (row) => row !== undefined,
    );
    expect((await s.call('POST', `/api/assignments/${final!.id}/complete`, { as: 'seller3', body: {} })).status).toBe(200);
    const facts = (await readCases(s.em(), [id])).get(id)!;
    expect(facts.status).toBe('completed');
    expect(rowProblems(facts)).toEqual([]);
    expect(facts.rows.map((r) => `${r.stepId} ${r.status}`).sort()).toEqual(['a1 completed', 'a2 withdrawn', 'b1 completed', 'final completed']);
    const handle = s.client.workflow.getHandle(`process-${id}`);
    await eventually(async () => (await handle.describe()).status.name, (status) => status === 'COMPLETED', 10_000);
  });
});
