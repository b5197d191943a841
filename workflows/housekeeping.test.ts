// The housekeeping workflow on the real server, as people notice it: a case whose workflow an
// operator terminated in Temporal shows as failed with the reason and leaves the inboxes - also
// one terminated before housekeeping first ran; a notification e-mail that could not go out while
// the SMTP server was down is tried again with growing waits (visible in the outbox) and sent
// once when the server is back; and however many workers start housekeeping, one runs.
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../infra/db/demo-data.ts';
import { freePort } from '../infra/services/free-port.ts';
import { eventually } from '../infra/testing/eventually.ts';
import { twoStepRoute } from '../infra/testing/sample-routes.ts';
import { startSmtpSink, type SmtpSink } from '../infra/testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { housekeepingWorkflowId } from '../temporal.config.ts';

type Item = { id: string; status: string; process: { id: string } };
type CaseView = { status: string; result: { reason?: string } | null; assignments: { status: string }[]; timeline: { type: string; data: { reason?: string } | null }[] };
type OutboxItem = { to: string; subject: string; status: string; attempts: number; error: string | null; lastAttemptAt: string | null; nextAttemptAt: string | null; sentAt: string | null };
type Outbox = { items: OutboxItem[] };

let s: TestStack;
let smtpPort: number;
let smtp: SmtpSink | undefined;

beforeAll(async () => {
  smtpPort = await freePort(); // the SMTP server starts out down: nothing listens here yet
  s = await startTestStack({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailRetry: { baseDelayMs: 400, maxDelayMs: 10_000, maxAttempts: 20 } });
  await s.startWorker();
  const created = await s.call<{ id: string; draftRevision: number }>('POST', '/api/routes', { as: 'designer', body: { key: 'housekeeping', draft: twoStepRoute('Housekeeping') } });
  await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: created.body.draftRevision } });
});
afterAll(async () => {
  await s?.close();
  await smtp?.close();
});

async function startCase(subject: string): Promise<{ processId: string; assignmentId: string }> {
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller2', body: { routeKey: 'housekeeping', subject, variables: { amount: 1000 } } });
  expect(started.status).toBe(201);
  const processId = started.body.id;
  const inbox = await eventually(
    () => s.call<{ items: Item[] }>('GET', '/api/assignments/inbox', { as: 'seller1' }),
    (r) => r.body.items.some((i) => i.process.id === processId),
  );
  return { processId, assignmentId: inbox.body.items.find((i) => i.process.id === processId)!.id };
}

const caseView = (processId: string) => s.call<CaseView>('GET', `/api/processes/${processId}`, { as: 'director' });
const mailAbout = async (subject: string): Promise<OutboxItem | undefined> =>
  (await s.call<Outbox>('GET', '/api/outbox', { as: 'admin' })).body.items.find((m) => m.subject.includes(subject) && m.to === demoEmail('seller1'));

describe('housekeeping', () => {
  it('closes cases whose workflow was terminated in Temporal, before and after it first ran', async () => {
    // Terminated while no housekeeping ran yet: the first round has no watermark.
    const early = await startCase('Pavilion 21');
    await s.client.workflow.getHandle(`process-${early.processId}`).terminate('stuck in a loop');

    // Three rounds a run: the watermark must survive continue-as-new for the late case below.
    const settings = { intervalMs: 500, overlapMs: 5_000, roundsPerRun: 3, unstartedGraceMs: 1_000 };
    const handle = await s.startHousekeeping(settings);
    const firstRun = (await handle.describe()).runId;
    // Every worker starts it at start-up; the second start finds the one that runs.
    const again = await s.startHousekeeping(settings);
    expect(again.workflowId).toBe(housekeepingWorkflowId(s.taskQueue));
    expect((await again.describe()).runId).toBe((await handle.describe()).runId);

    await eventually(() => handle.describe(), (d) => d.runId !== firstRun && d.status.name === 'RUNNING', 15_000);
    const late = await startCase('Pavilion 22');
    expect((await caseView(late.processId)).body.status).toBe('running');
    await s.client.workflow.getHandle(`process-${late.processId}`).terminate('operator cleanup');

    for (const [c, reason] of [
      [early, 'The workflow was terminated in Temporal: stuck in a loop'],
      [late, 'The workflow was terminated in Temporal: operator cleanup'],
    ] as const) {
      const view = await eventually(() => caseView(c.processId), (r) => r.body.status !== 'running', 15_000);
      expect(view.body).toMatchObject({ status: 'failed', result: { reason } });
      expect(view.body.assignments.map((a) => a.status)).toEqual(['withdrawn']);
      expect(view.body.timeline.at(-1)).toMatchObject({ type: 'process.failed', data: { reason } });
      const inbox = await s.call<{ items: Item[] }>('GET', '/api/assignments/inbox', { as: 'seller1' });
      expect(inbox.body.items.some((i) => i.id === c.assignmentId)).toBe(false);
    }
  });

  it('closes a case whose workflow never started, once it is older than the grace, and leaves a case that is starting alone', async () => {
    // What a crash between writing the case and starting its workflow leaves: the case row and its
    // open work, and no workflow. Deleting the workflow from Temporal makes the same picture.
    const orphan = await startCase('Pavilion 31');
    await s.client.workflowService.deleteWorkflowExecution({ namespace: s.client.options.namespace, workflowExecution: { workflowId: `process-${orphan.processId}` } });
    await eventually(
      () => s.client.workflow.getHandle(`process-${orphan.processId}`).describe().then(() => 'exists', (err: unknown) => (err instanceof WorkflowNotFoundError ? 'missing' : 'exists')),
      (state) => state === 'missing',
      15_000,
    );
    const reason = 'The case was recorded but its workflow never started (the server stopped while starting it, and the start was not retried)';
    const view = await eventually(() => caseView(orphan.processId), (r) => r.body.status !== 'running', 20_000);
    expect(view.body).toMatchObject({ status: 'failed', result: { reason } });
    expect(view.body.assignments.map((a) => a.status)).toEqual(['withdrawn']);
    const inbox = await s.call<{ items: Item[] }>('GET', '/api/assignments/inbox', { as: 'seller1' });
    expect(inbox.body.items.some((i) => i.id === orphan.assignmentId)).toBe(false);

    // A healthy case the sweep looked at over several rounds keeps running.
    const healthy = await startCase('Pavilion 32');
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await caseView(healthy.processId)).body.status).toBe('running');
  });

  it('retries a notification e-mail with backoff while SMTP is down and sends it once when it is up', async () => {
    await s.startHousekeeping({ intervalMs: 500, overlapMs: 5_000, roundsPerRun: 3 }); // already running: the same one
    await startCase('Pavilion 23');
    const retrying = await eventually(() => mailAbout('Pavilion 23'), (m) => (m?.attempts ?? 0) >= 3, 20_000);
    expect(retrying).toMatchObject({ status: 'retrying', sentAt: null });
    expect(retrying!.error).toMatch(/ECONNREFUSED/);
    expect(new Date(retrying!.nextAttemptAt!).getTime()).toBeGreaterThan(new Date(retrying!.lastAttemptAt!).getTime());
    // The waits grow: after the third failure the next try is at least 4 x 400 ms away.
    expect(new Date(retrying!.nextAttemptAt!).getTime() - new Date(retrying!.lastAttemptAt!).getTime()).toBeGreaterThanOrEqual(400 * 2 ** (retrying!.attempts - 1));
    const onlyRetrying = await s.call<Outbox>('GET', '/api/outbox?status=retrying', { as: 'admin' });
    expect(onlyRetrying.body.items.every((m) => m.status === 'retrying')).toBe(true);
    expect(onlyRetrying.body.items.some((m) => m.subject.includes('Pavilion 23'))).toBe(true);

    smtp = await startSmtpSink({ port: smtpPort });
    const sent = await eventually(() => mailAbout('Pavilion 23'), (m) => m?.status === 'sent', 30_000);
    expect(sent).toMatchObject({ status: 'sent', error: null, nextAttemptAt: null });
    expect(sent!.attempts).toBeGreaterThan(retrying!.attempts);
    // A few more rounds change nothing: it went out exactly once.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.received.filter((m) => m.subject.includes('Pavilion 23'))).toHaveLength(1);
  });

  it('shows the outbox to admins only, and refuses an unknown status', async () => {
    expect((await s.call('GET', '/api/outbox?status=given_up', { as: 'admin' })).status).toBe(200);
    const bad = await s.call<{ problems: { path: string }[] }>('GET', '/api/outbox?status=failed', { as: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect((await s.call('GET', '/api/outbox?limit=0', { as: 'admin' })).status).toBe(400);
    expect((await s.call('GET', '/api/outbox', { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', '/api/outbox')).status).toBe(401);
  });
});
