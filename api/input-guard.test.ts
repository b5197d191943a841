// Text the database cannot hold and JSON nested without end are refused at the door with 400,
// the field named, and nothing stored - on whichever endpoint they arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { jsonTextProblems, MAX_JSON_DEPTH, tooDeepAt } from './input-guard.ts';
import { asRefusedInput } from './problem.ts';

type Problems = { detail: string; problems?: { path: string; message: string }[] };

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
});
afterAll(async () => s?.close());

const NUL = '\u0000';
const LONE_HIGH = '\uD800';
const LONE_LOW = '\uDC00';

const paths = (body: Problems) => (body.problems ?? []).map((p) => p.path);
const caseCount = async () => (await s.call<{ total: number }>('GET', '/api/processes', { as: 'director' })).body.total;
const routeKeys = async () => (await s.call<{ items: { key: string }[] }>('GET', '/api/routes', { as: 'designer' })).body.items.map((r) => r.key);
const startCase = (body: unknown) => s.call<Problems>('POST', '/api/processes', { as: 'seller1', body });
const handoff = (extra: Record<string, unknown> = {}) => ({ routeKey: 'installation-handoff', subject: 'Павильон 12', variables: { contract_no: 'Д-118', install_by: '2026-12-10' }, ...extra });

describe('text that cannot be stored', () => {
  it('refuses a NUL or a lone surrogate in a subject or a variable, naming the field, and starts no case', async () => {
    const before = await caseCount();
    for (const bad of [NUL, LONE_HIGH, LONE_LOW, `${LONE_LOW}${LONE_HIGH}`]) {
      const subject = await startCase(handoff({ subject: `Павильон${bad}12` }));
      expect(subject.status).toBe(400);
      expect(paths(subject.body)).toEqual(['subject']);
      const variable = await startCase(handoff({ variables: { contract_no: `Д-118${bad}`, install_by: '2026-12-10' } }));
      expect(variable.status).toBe(400);
      expect(paths(variable.body)).toEqual(['variables.contract_no']);
    }
    // The same text with a real pair (an emoji) is taken as it is.
    const fine = await startCase(handoff({ subject: 'Павильон 12 \uD83E\uDDCA' }));
    expect(fine.status).toBe(201);
    expect(await caseCount()).toBe(before + 1);
  });

  it('refuses them in an object key, escaped or not, naming the key as it was sent', async () => {
    const before = await caseCount();
    const raw = await s.call<Problems>('POST', '/api/processes', {
      as: 'seller1',
      rawBody: '{"routeKey":"installation-handoff","subject":"x","variables":{"contract_no":"1","install_by":"2026-12-10","no\\u0000te":"a"}}',
    });
    expect(raw.status).toBe(400);
    expect(paths(raw.body)).toEqual(['variables.no\\u0000te']);
    const surrogateKey = await startCase(handoff({ [`sub${LONE_HIGH}ject`]: 'x' }));
    expect(surrogateKey.status).toBe(400);
    expect(paths(surrogateKey.body)).toEqual(['sub\\uD800ject']);
    expect(await caseCount()).toBe(before);
  });

  it('refuses them in a route name and in a step deep inside a draft, and stores no route', async () => {
    const draft = { language: 'route/v0', name: `Сделка${NUL}`, steps: [{ id: 'a', kind: 'task', name: `Шаг${LONE_HIGH}`, assignee: { type: 'role', role: 'sales' } }] };
    const res = await s.call<Problems>('POST', '/api/routes', { as: 'designer', body: { key: 'nul-route', draft } });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['draft.name', 'draft.steps[0].name']);
    expect(await routeKeys()).not.toContain('nul-route');
  });

  it('refuses them in query parameter values and names, percent-encoded or as broken UTF-8', async () => {
    for (const [query, path] of [
      ['role=sales%00', 'query.role'],
      ['department=%ED%A0%80', 'query.department'],
      ['rol%00e=sales', 'query.rol\\u0000e'],
      ['role=%FF', 'query.role'],
    ] as const) {
      const res = await s.call<Problems>('GET', `/api/employees?${query}`, { as: 'seller1' });
      expect(res.status, query).toBe(400);
      expect(paths(res.body), query).toEqual([path]);
    }
    expect((await s.call('GET', '/api/employees?role=sales', { as: 'seller1' })).status).toBe(200);
  });

  it('refuses them in a path id, named as the document names the parameter', async () => {
    const id = await s.call<Problems>('GET', '/api/processes/%00', { as: 'seller1' });
    expect(id.status).toBe(400);
    expect(paths(id.body)).toEqual(['path.id']);
    const code = await s.call<Problems>('GET', '/api/roles/sales%00', { as: 'seller1' });
    expect(code.status).toBe(400);
    expect(paths(code.body)).toEqual(['path.code']);
    const cancel = await s.call<Problems>('POST', '/api/processes/%ED%B0%80/cancel', { as: 'seller1', body: { reason: 'x' } });
    expect(cancel.status).toBe(400);
    expect(paths(cancel.body)).toEqual(['path.id']);
  });

  it('refuses a body that is not UTF-8 instead of replacing its bytes', async () => {
    const before = await caseCount();
    const token = await s.login('seller1');
    const bytes = new Uint8Array([...new TextEncoder().encode('{"routeKey":"installation-handoff","subject":"Павильон '), 0xff, ...new TextEncoder().encode('","variables":{"contract_no":"1","install_by":"2026-12-10"}}')]);
    const res = await s.app.request('/api/processes', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: bytes });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problems).detail).toMatch(/not valid UTF-8/);
    expect(await caseCount()).toBe(before);
  });
});

describe('JSON nesting and size', () => {
  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels, 10,000 levels at no cost, naming where`, async () => {
    const before = await caseCount();
    const deep = `{"routeKey":"installation-handoff","subject":"x","variables":{"contract_no":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const started = performance.now();
    const res = await s.call<Problems>('POST', '/api/processes', { as: 'seller1', rawBody: deep });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual([`variables.contract_no${'[0]'.repeat(MAX_JSON_DEPTH - 2)}`]);
    // Unclosed, it is refused the same way, before anyone tries to parse it.
    expect((await s.call('PUT', '/api/settings/calendar', { as: 'admin', rawBody: '{"overrides":'.repeat(5_000) })).status).toBe(400);
    expect(await caseCount()).toBe(before);
  });

  it('refuses malformed JSON and an over-large body with 400, and stores nothing', async () => {
    const keys = await routeKeys();
    const malformed = await s.call<Problems>('POST', '/api/routes', { as: 'designer', rawBody: '{"key":"broken","draft":{' });
    expect(malformed.status).toBe(400);
    const large = await s.call<Problems>('POST', '/api/routes', { as: 'designer', rawBody: JSON.stringify({ key: 'large', draft: { name: 'x'.repeat(1_100_000) } }) });
    expect(large.status).toBe(400);
    expect(large.body.detail).toMatch(/larger than 1 MiB/);
    expect(await routeKeys()).toEqual(keys);
  });
});

describe('the OpenAPI document', () => {
  it('lists 400 on every operation under /api, since the guard can refuse any of them', async () => {
    const doc = (await (await s.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const without = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => !op.responses['400']).map(([method]) => `${method} ${path}`));
    expect(without).toEqual([]);
  });
});

describe('the guard\'s pieces', () => {
  it('counts only brackets outside strings, escaped quotes included', () => {
    expect(tooDeepAt('{"a":"[[[[[[\\"[[[[","b":[1,{"c":[]}]}', 4)).toBeUndefined();
    expect(tooDeepAt('{"a":"x","b":[1,2,{"c":[[]]}]}', 4)).toEqual(['b', 2, 'c', 0]);
    expect(tooDeepAt('{"a\\"b":{"c":{}}}', 2)).toEqual(['a"b', 'c']);
  });

  it('names every bad string and key, and takes well-formed pairs', () => {
    expect(jsonTextProblems({ ok: 'лёд \uD83E\uDDCA', list: ['a', `b${NUL}`], [`k${LONE_LOW}`]: 1 }).map((p) => p.path)).toEqual(['list[1]', 'k\\uDC00']);
  });

  it('turns what PostgreSQL refuses as text into 400, as a backstop behind the guard', async () => {
    const conn = s.em().getConnection();
    const refused = await conn.execute(`select '{"a":"\\u0000"}'::jsonb as v`).then(() => undefined, (err: unknown) => err);
    expect(asRefusedInput(refused)?.code).toBe('invalid_input');
    const other = await conn.execute('select 1/0').then(() => undefined, (err: unknown) => err);
    expect(asRefusedInput(other)).toBeUndefined();
  });
});
