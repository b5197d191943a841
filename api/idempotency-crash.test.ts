// The API killed (SIGKILL, like kill -9) in the middle of a start that carried an Idempotency-Key:
// a new API process, given the same request with the same key, answers with the case, and there
// is exactly one case row and one workflow. The API runs as a real child process
// (infra/api-main.ts) against this file's database and the test Temporal server; CRM_FAULT_AFTER
// makes it kill itself at a named point of the request.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Process } from '../domain/entities/index.ts';
import { freePort } from '../infra/services/free-port.ts';
import { twoStepRoute } from '../infra/testing/sample-routes.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { PROJECT_ROOT } from '../temporal.config.ts';

let s: TestStack;
let port: number;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'two-step', draft: twoStepRoute() } });
  await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  port = await freePort();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await s?.close();
});

/** Starts infra/api-main.ts and resolves once it listens; `exited` settles when it ends. */
async function startApi(faultAfter?: string): Promise<{ child: ChildProcess; exited: Promise<NodeJS.Signals | number | null> }> {
  const env = {
    ...process.env,
    DATABASE_URL: s.orm.config.get('clientUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: s.taskQueue,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CRM_FAULT_AFTER: faultAfter ?? '',
  };
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'infra', 'api-main.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => {
    children.delete(child);
    resolve(signal ?? code);
  }));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('API on ')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((how) => reject(new Error(`the API exited (${String(how)}) before listening:\n${output}`)));
  });
  return { child, exited };
}

async function start(token: string, key: string, subject: string): Promise<{ status: number; body: { id?: string }; replayed: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/processes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ routeKey: 'two-step', subject, variables: { amount: 5 } }),
  });
  return { status: res.status, body: (await res.json()) as { id?: string }, replayed: res.headers.get('idempotent-replayed') };
}

describe('a start interrupted by kill -9 of the API', () => {
  // After the case row is written, after the workflow started, and after everything but storing
  // the answer.
  it.each(['process.inserted', 'workflow.started', 'idempotency.before-store'])(
    'killed after %s, then retried with the same key: exactly one case, answered as the case',
    { timeout: 60_000 },
    async (point) => {
      const token = await s.login('seller1');
      const key = `crash-${point}-${crypto.randomUUID()}`;
      const subject = `Crash at ${point}`;

      const doomed = await startApi(point);
      await expect(start(token, key, subject)).rejects.toThrow(); // the connection drops
      expect(await doomed.exited).toBe('SIGKILL');

      await startApi();
      const retried = await start(token, key, subject);
      expect(retried.status).toBe(201);
      const rows = await s.em().find(Process, { subject });
      expect(rows).toHaveLength(1);
      expect(retried.body.id).toBe(rows[0]!.id);
      // One workflow, running, for that case; none for any other id.
      const description = await s.client.workflow.getHandle(rows[0]!.workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      const runs = await s.client.workflow.getHandle(rows[0]!.workflowId).fetchHistory();
      expect(runs.events?.filter((e) => e.workflowExecutionStartedEventAttributes).length).toBe(1);

      // And once more: now a replay of the stored answer.
      const again = await start(token, key, subject);
      expect(again).toMatchObject({ status: 201, replayed: 'true', body: { id: rows[0]!.id } });
      expect(await s.em().count(Process, { subject })).toBe(1);
      for (const child of children) child.kill('SIGTERM');
      await Promise.all([...children].map((c) => new Promise((r) => c.once('exit', r))));
    },
  );
});
