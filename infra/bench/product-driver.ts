// Drives the product over HTTP as its users would: a designer publishes a 3-task route, a seller
// starts cases of it, and each step's assignee completes their assignment. Times the start
// call, and each full step: from sending "complete" until the next assignment is known - from
// the answer when the API says which steps it opened, otherwise from the next assignee's inbox.
import { z } from 'zod';
import { DEMO_PASSWORD, demoEmail } from '../db/demo-data.ts';
import { ApiError, signIn, type Api } from './api-client.ts';
import { InboxWatcher } from './inbox-watcher.ts';
import { now, runConcurrently, sleep, type RunOutcome } from './stats.ts';

export const BENCH_ROUTE_KEY = 'bench-three-steps';
/** Who does step 1, 2 and 3; the first also starts the cases. */
const ASSIGNEES = ['seller1', 'seller2', 'seller3'] as const;

const BENCH_ROUTE = {
  language: 'route/v1',
  name: 'Bench: three steps',
  description: 'Three tasks, each assigned to a named person; written by npm run bench.',
  start: 'step-1',
  nodes: ASSIGNEES.map((who, i) => ({
    id: `step-${i + 1}`,
    kind: 'task',
    name: `Step ${i + 1}`,
    assignee: { type: 'person', email: demoEmail(who) },
    ...(i + 1 < ASSIGNEES.length ? { next: `step-${i + 2}` } : {}),
  })),
};

const anyAnswer = z.unknown();
const withAssignmentId = z.looseObject({ assignmentId: z.string() });
/** Where an answer may list steps it opened: the fields the API is gaining, and the case view's live state. */
const openedShape = z.looseObject({
  openedSteps: z.array(withAssignmentId).optional(),
  openSteps: z.array(withAssignmentId).optional(),
  live: z.looseObject({ openSteps: z.array(z.unknown()).optional() }).nullable().optional(),
});

/** The assignment the answer says was opened for this case, if it says so. */
export function openedFrom(answer: unknown, seen: ReadonlySet<string>): string | undefined {
  const parsed = openedShape.safeParse(answer);
  if (!parsed.success) return undefined;
  const live = (parsed.data.live?.openSteps ?? []).flatMap((s) => {
    const step = withAssignmentId.safeParse(s);
    return step.success ? [step.data] : [];
  });
  const listed = [...(parsed.data.openedSteps ?? []), ...(parsed.data.openSteps ?? []), ...live];
  return listed.map((s) => s.assignmentId).find((id) => !seen.has(id));
}

export async function publishBenchRoute(baseUrl: string): Promise<void> {
  const designer = await signIn(baseUrl, demoEmail('designer'), DEMO_PASSWORD);
  const created = await designer.call('POST', '/api/routes', z.looseObject({ id: z.string(), draftRevision: z.number() }), { key: BENCH_ROUTE_KEY, draft: BENCH_ROUTE });
  await designer.call('POST', `/api/routes/${created.id}/publish`, anyAnswer, { revision: created.draftRevision });
}

export interface ProductRun extends RunOutcome {
  startMs: number[];
  stepMs: number[];
  /** Steps whose next assignment came from the answer rather than from polling the inbox. */
  toldInAnswer: number;
  polledInbox: number;
  inboxPolls: number;
  /** Completions the API refused at first (e.g. the step not yet known to the workflow) and the bench retried. */
  refusedCompletes: number;
}

export interface ProductDriver {
  run(n: number, concurrency: number, tag: string): Promise<ProductRun>;
}

/** Signed-in sessions of the people who do step 1, 2 and 3 (the first also starts cases). */
export function signInAssignees(baseUrl: string): Promise<Api[]> {
  return Promise.all(ASSIGNEES.map((who) => signIn(baseUrl, demoEmail(who), DEMO_PASSWORD)));
}

export const startCase = (starter: Api, subject: string): Promise<{ id: string }> =>
  starter.call('POST', '/api/processes', z.looseObject({ id: z.string() }), { routeKey: BENCH_ROUTE_KEY, subject, variables: {} });

export async function productDriver(baseUrl: string, signal?: AbortSignal): Promise<ProductDriver> {
  const people = await signInAssignees(baseUrl);
  const watchers = people.map((api) => new InboxWatcher(api));

  async function run(n: number, concurrency: number, tag: string): Promise<ProductRun> {
    const result = { startMs: [] as number[], stepMs: [] as number[], toldInAnswer: 0, polledInbox: 0, refusedCompletes: 0 };
    const pollsBefore = watchers.reduce((s, w) => s + w.polls, 0);

    const nextAssignment = async (answer: unknown, step: number, processId: string, seen: Set<string>): Promise<{ id: string; at: number }> => {
      const told = openedFrom(answer, seen);
      if (told) {
        result.toldInAnswer++;
        return { id: told, at: now() };
      }
      result.polledInbox++;
      const found = await watchers[step]!.waitFor(processId, seen);
      return { id: found.assignmentId, at: found.at };
    };

    const outcome = await runConcurrently(n, concurrency, async (i) => {
      let t = now();
      const started = await startCase(people[0]!, `Bench ${tag} #${i + 1}`);
      result.startMs.push(now() - t);
      const seen = new Set<string>();
      let current = (await nextAssignment(started, 0, started.id, seen)).id;
      for (let step = 0; step < ASSIGNEES.length; step++) {
        seen.add(current);
        t = now();
        const answer = await completeWithRetry(people[step]!, current, () => result.refusedCompletes++);
        if (step + 1 === ASSIGNEES.length) break;
        const next = await nextAssignment(answer, step + 1, started.id, seen);
        result.stepMs.push(next.at - t);
        current = next.id;
      }
    }, signal);
    return { ...outcome, ...result, inboxPolls: watchers.reduce((s, w) => s + w.polls, 0) - pollsBefore };
  }
  return { run };
}

const RETRY_FOR_MS = 10_000;

/** Completes an assignment; a refusal that may be a passing race (404, 409, 503) is retried briefly. */
export async function completeWithRetry(api: Api, assignmentId: string, onRefused: () => void): Promise<unknown> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    try {
      return await api.call('POST', `/api/assignments/${assignmentId}/complete`, anyAnswer, {});
    } catch (err) {
      const passing = err instanceof ApiError && [404, 409, 503].includes(err.status);
      if (!passing || Date.now() > deadline) throw err;
      onRefused();
      await sleep(20);
    }
  }
}
