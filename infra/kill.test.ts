// The worker killed at random points while cases run: the route interpreter runs in a child
// process that is SIGKILLed - mid workflow task, mid transaction, between a commit and its
// answer - and replaced, again and again, while people complete steps through the API as fast
// as the steps appear. Every case must still finish, with exactly one assignment row and one
// "opened" and one "completed" event per step: nothing lost, nothing twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import protos from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCases, rowProblems } from './testing/case-audit.ts';
import { chainRoute } from './testing/race-routes.ts';
import { startTestStack, type TestStack } from './testing/stack.ts';

const CASES = 20;
const STEPS = 4;
const KILLS = 6;
const { EventType } = protos.temporal.api.enums.v1;
const WORKER_SCRIPT = fileURLToPath(new URL('./testing/worker-process.ts', import.meta.url));

type Step = { assignmentId: string; stepId: string };

let s: TestStack;
let workers: WorkerProcess[] = [];
/** Every worker process this file started, killed at the end whatever happened. */
const spawned = new Set<ChildProcess>();
beforeAll(async () => {
  s = await startTestStack();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'kill-chain', draft: chainRoute(STEPS) } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
});
afterAll(async () => {
  await Promise.all([...spawned].map((child) => kill(child, 'SIGTERM')));
  await s?.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo));

interface WorkerProcess {
  child: ChildProcess;
  /** Lets it poll; resolves once it does. */
  go(): Promise<void>;
}

/**
 * Starts a worker process on this file's task queue, held before it polls: starting one takes
 * seconds on a busy machine, so replacements are started ahead and let go the moment the worker
 * before them is killed. Resolves once it is ready to poll.
 */
function spawnWorker(): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [WORKER_SCRIPT], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: s.orm.config.get('clientUrl'),
      TASK_QUEUE: s.taskQueue,
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      WAIT_FOR_GO: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  spawned.add(child);
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes(word) && resolve());
      child.once('exit', (code, signal) => reject(new Error(`worker process exited (${code ?? signal}) before "${word}":\n${output}`)));
    });
  const running = said('running');
  running.catch(() => undefined);
  return said('ready').then(() => ({
    child,
    go: () => {
      child.stdin?.write('go\n');
      return running;
    },
  }));
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Completes every step of a case as it appears, until the case ends; errors are retried. */
async function drive(processId: string, deadline: number, retried: { n: number }): Promise<void> {
  while (Date.now() < deadline) {
    const open = await s.em().execute<{ id: string; step_id: string }[]>(`select id, step_id from assignment where process_id = ? and status = 'open'`, [processId]);
    if (open.length === 0) {
      const [row] = await s.em().execute<{ status: string }[]>('select status from process where id = ?', [processId]);
      if (row?.status !== 'running') return;
    }
    for (const step of open) {
      const res = await s.call('POST', `/api/assignments/${step.id}/complete`, { as: 'seller1', body: {} });
      // 409: completed already (an earlier try went through after all). Anything else - the
      // engine timing out while no worker runs - is tried again, as a person would.
      if (res.status !== 200 && res.status !== 409) {
        retried.n++;
        await pause(400);
      }
    }
    await pause(100);
  }
}

describe('the worker killed while cases run', () => {
  it(`finishes ${CASES} cases of ${STEPS} steps through ${KILLS} kills, nothing lost or doubled`, { timeout: 150_000 }, async () => {
    const began = Date.now();
    // The first worker and the first burst's replacements; the second burst's start meanwhile.
    const firstBurst = Math.ceil(KILLS / 2);
    workers = await Promise.all(Array.from({ length: firstBurst + 1 }, spawnWorker));
    const ready = Date.now();
    const more = Promise.all(Array.from({ length: KILLS - firstBurst }, spawnWorker));
    await workers[0]!.go();
    const cases = await Promise.all(
      Array.from({ length: CASES }, async (_, n) => {
        const res = await s.call<{ id: string; openSteps: Step[] }>('POST', '/api/processes', { as: 'seller2', body: { routeKey: 'kill-chain', subject: `Kill test #${n}` } });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body.id;
      }),
    );

    const retried = { n: 0 };
    const deadline = Date.now() + 100_000;
    const driving = Promise.all(cases.map((id) => drive(id, deadline, retried)));
    // Two bursts: one while the first steps are being completed, one once half the work is done.
    const lives: number[] = [];
    let current = 0;
    const burst = async (kills: number) => {
      for (let k = 0; k < kills; k++) {
        const life = between(50, 500);
        await pause(life);
        await kill(workers[current]!.child, 'SIGKILL');
        lives.push(life);
        await workers[++current]!.go();
      }
    };
    await burst(firstBurst);
    const completedSteps = async () =>
      Number((await s.em().execute<{ n: string }[]>(`select count(*) as n from assignment where status = 'completed'`))[0]?.n);
    while ((await completedSteps()) < (CASES * STEPS) / 2 && Date.now() < deadline) await pause(100);
    const halfway = Date.now();
    workers.push(...(await more));
    await burst(KILLS - firstBurst);
    const killsDone = Date.now();
    await driving;

    const facts = await readCases(s.em(), cases);
    const steps = Array.from({ length: STEPS }, (_, i) => `t${i + 1}`);
    const expected = ['process.started', ...steps.flatMap((t) => [`step.opened ${t}`, `step.completed ${t}`]), 'process.completed'];
    for (const id of cases) {
      const c = facts.get(id)!;
      expect(c.status, `case ${id}`).toBe('completed');
      expect(rowProblems(c)).toEqual([]);
      expect(c.rows.map((r) => `${r.stepId} ${r.status}`), `case ${id}`).toEqual(steps.map((t) => `${t} completed`));
      expect(c.events.map((e) => (e.stepId && e.type.startsWith('step.') ? `${e.type} ${e.stepId}` : e.type)), `case ${id}`).toEqual(expected);
    }
    const open = await s.em().execute<{ n: string }[]>(`select count(*) as n from assignment where status = 'open'`);
    expect(Number(open[0]?.n)).toBe(0);

    // The workflows ended too, and their histories show what the kills cut short.
    // Transitions are local activities: one lost with its worker is run again in the retried
    // workflow task, so the timed-out and failed workflow tasks count everything cut short.
    let cutShort = 0;
    for (const id of cases) {
      const handle = s.client.workflow.getHandle(`process-${id}`);
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      for (const e of (await handle.fetchHistory()).events ?? []) {
        if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT || e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) cutShort++;
      }
    }
    // Kills that hit nothing in flight would prove nothing.
    expect(cutShort).toBeGreaterThan(0);
    const at = (t: number) => `${((t - began) / 1000).toFixed(1)} s`;
    console.log(
      `[kill] ${CASES} cases x ${STEPS} steps, ${KILLS} SIGKILLs, each worker killed after ${lives.join('/')} ms of work; ` +
        `workers ready at ${at(ready)}, half the steps done at ${at(halfway)}, kills done at ${at(killsDone)}, all finished at ${at(Date.now())}; ` +
        `${retried.n} completion requests refused meanwhile and tried again; ` +
        `the kills cut short ${cutShort} workflow tasks (retried elsewhere)`,
    );
  });
});
