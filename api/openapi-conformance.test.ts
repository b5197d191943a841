// The OpenAPI document tells the truth: schemathesis generates requests from /openapi.json (valid
// and invalid ones) against the real API over HTTP, signed in as an admin and as an employee, and
// fails on a server error, a status the document does not list, or a body its schema refuses.
// Run alone: npx vitest run api/openapi-conformance.test.ts (SCHEMATHESIS_EXAMPLES, _SEED to vary).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateSchemathesis, runSchemathesis, SCHEMATHESIS_VERSION } from '../infra/testing/schemathesis.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { PROJECT_ROOT } from '../temporal.config.ts';

// Examples per operation: the admin reaches every operation's success path, so it gets the most;
// the employee's run is about refusals and scoped lists, where fewer examples find what there is.
// 25 for both took 430 s of a 2-core CI machine's 18 minutes.
const EXAMPLES: Record<string, number> = process.env.SCHEMATHESIS_EXAMPLES
  ? { admin: Number(process.env.SCHEMATHESIS_EXAMPLES), seller1: Number(process.env.SCHEMATHESIS_EXAMPLES) }
  : { admin: 20, seller1: 10 };
// The coverage phase (boundary and malformed values of every parameter) is run for the admin, who
// gets past the rights checks to the validation; for the employee most of those requests are
// refused by rights first, and the phase took half of the run's time on a 2-core CI machine.
const PHASES: Record<string, string> = { admin: 'examples,coverage,fuzzing,stateful', seller1: 'examples,fuzzing,stateful' };
// A fixed seed keeps CI repeatable; set SCHEMATHESIS_SEED to explore other inputs.
const SEED = process.env.SCHEMATHESIS_SEED ?? '20261124';
// 124 operations since the CRM records (56 before them): at 40 examples each, a loaded 2-core
// machine did not finish in 300 s; 25 examples and 8 minutes per identity leave room for all phases.
const RUN_TIMEOUT_MS = 480_000;
// One worker: hypothesis 6 describes strategies through a cache that is not thread-safe, and two
// workers now and then end an operation with "AST constructor recursion depth mismatch".
const WORKERS = process.env.SCHEMATHESIS_WORKERS ?? '1';

// Left out, and why:
// - GET /api/notifications/stream is a server-sent event stream that stays open by design, so
//   every request would only end at the request timeout;
// - POST /api/auth/logout (and logout-all) ends the very session the run signs its requests with, after which
//   every other operation would be tested only as "not signed in".
const EXCLUDED = ['/api/notifications/stream', '/api/auth/logout', '/api/auth/logout-all'];
const IDENTITIES = ['admin', 'seller1'];

let s: TestStack;
let server: ServerType;
let baseUrl: string;
let python: string;

beforeAll(async () => {
  [python, s] = await Promise.all([locateSchemathesis(PROJECT_ROOT, (m) => console.log(`[schemathesis] ${m}`)), startTestStack()]);
  await s.startWorker();
  // Cases in several states, so lists, inboxes and notifications answer with real items whose
  // shape the document must describe, and their ids feed schemathesis' later requests.
  const started: string[] = [];
  for (const [who, subject] of [['seller1', 'Павильон 12'], ['seller1', 'Магазин «Лёд»'], ['admin', 'Склад 3']] as const) {
    const res = await s.call<{ id: string }>('POST', '/api/processes', { as: who, body: { routeKey: 'installation-handoff', subject, variables: { contract_no: 'Д-118', install_by: '2026-12-10' } } });
    if (res.status !== 201) throw new Error(`could not start a case: ${res.status} ${JSON.stringify(res.body)}`);
    started.push(res.body.id);
  }
  await s.call('POST', `/api/processes/${started[1]!}/cancel`, { as: 'seller1', body: { reason: 'Клиент передумал' } });
  // Both identities sign in now: the first run sends many wrong sign-ins from this address, which
  // a sign-in limit would hold against a later one.
  await Promise.all(IDENTITIES.map((who) => s.login(who)));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: s.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      baseUrl = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
}, 900_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await s?.close();
});

describe(`the OpenAPI document, checked by schemathesis ${SCHEMATHESIS_VERSION}`, () => {
  it.each(IDENTITIES)('holds for every response to %s', async (who) => {
    const token = await s.login(who);
    const args = [
      'run', `${baseUrl}/openapi.json`,
      '--checks', 'not_a_server_error,status_code_conformance,response_schema_conformance',
      '--header', `Authorization: Bearer ${token}`,
      '--max-examples', String(EXAMPLES[who]),
      '--phases', PHASES[who] ?? 'examples,coverage,fuzzing,stateful',
      '--seed', SEED,
      '--workers', WORKERS,
      '--request-timeout', '10',
      '--continue-on-failure',
      '--generation-database', 'none',
      '--no-color',
      '--output-sanitize', 'false',
      ...EXCLUDED.flatMap((path) => ['--exclude-path', path]),
    ];
    const result = await runSchemathesis(python, args, RUN_TIMEOUT_MS);
    // One line, not schemathesis' report: its pytest-style "=== N warnings in Xs ===" footer, in
    // the CI log, reads as a test run of its own that ran nothing. The whole report is the
    // failure message when it fails.
    const cases = /Test cases:\s+(\d+) generated/.exec(result.output)?.[1] ?? '?';
    const ops = /Selected: (\d+\/\d+)/.exec(result.output)?.[1] ?? '?';
    console.log(`[schemathesis] ${who}: exit ${String(result.exitCode)} in ${result.seconds.toFixed(1)} s; ${ops} operations, ${cases} generated requests`);
    expect(result.exitCode, result.output).toBe(0);
    // A pass must mean the operations were exercised signed in: every selected one tested, none
    // answering only "not signed in" (a rejected token would otherwise pass quietly).
    const [, selected, tested] = /Selected: (\d+)\/\d+\s+Tested: (\d+)/.exec(result.output) ?? [];
    expect(Number(tested), result.output).toBeGreaterThan(30);
    expect(tested).toBe(selected);
    expect(result.output).not.toMatch(/401 Unauthorized \(/);
  }, RUN_TIMEOUT_MS + 20_000);
});
