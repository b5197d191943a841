// The API remembers who is behind a token, and forgets as soon as the database says anything
// about that person changed - whoever changed it, in whichever process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee, Session } from '../../domain/entities/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../../infra/db/demo-data.ts';
import { databaseUrlOf } from '../../infra/db/orm.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { countStatements } from '../../infra/testing/statement-counter.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { SessionCache } from './session-cache.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  await eventually(() => Promise.resolve(s.sessionCache.listening), Boolean, 10_000);
});
afterAll(async () => s?.close());

async function signIn(key: string) {
  const res = await s.call<{ token: string; employee: { id: string } }>('POST', '/api/auth/login', { body: { email: demoEmail(key), password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return res.body;
}
const sessionStatements = (statements: string[]) => statements.filter((q) => q.includes('from session'));
const status = async (token: string, path = '/api/auth/me') => (await s.call('GET', path, { token })).status;

describe('who is behind a token', () => {
  it('is read in one statement the first time, then answered without the database', async () => {
    const { token } = await signIn('engineer1');
    const counter = countStatements();
    const first = await counter.during(() => s.call<{ roles: string[] }>('GET', '/api/auth/me', { token }));
    expect(first.result.status).toBe(200);
    expect(first.result.body.roles).toEqual(['employee', 'service']);
    expect(sessionStatements(first.statements)).toHaveLength(1);
    // A request that does nothing after authentication now costs no statement at all.
    const bare = await counter.during(() => s.call('GET', '/api/no-such-endpoint', { token }));
    expect(bare.result.status).toBe(404);
    expect(bare.statements).toHaveLength(0);
  });

  it('is refused at once after signing out', async () => {
    const { token } = await signIn('seller2');
    expect(await status(token)).toBe(200);
    expect((await s.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect(await status(token)).toBe(401);
  });

  it('follows changes made straight in the database: expiry, deactivation, roles', async () => {
    const { token, employee } = await signIn('engineer2');
    expect(await status(token)).toBe(200);
    await s.em().nativeUpdate(Session, { employee: employee.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await eventually(() => s.call('GET', '/api/auth/me', { token }), (r) => r.status === 401, 2_000);
    expect(expired.body.detail).toMatch(/expired/);

    const other = await signIn('quality');
    expect(await status(other.token, '/api/assignments/inbox')).toBe(200);
    await s.em().nativeUpdate(Employee, { id: other.employee.id }, { active: false });
    await eventually(() => status(other.token, '/api/assignments/inbox'), (code) => code === 401, 2_000);
    await s.em().nativeUpdate(Employee, { id: other.employee.id }, { active: true });
    await eventually(() => status(other.token), (code) => code === 200, 2_000);

    await s.em().getConnection().execute(`insert into employee_roles (employee_id, role_code) values (?, 'manager')`, [other.employee.id]);
    const me = await eventually(() => s.call<{ roles: string[] }>('GET', '/api/auth/me', { token: other.token }), (r) => r.body.roles.includes('manager'), 2_000);
    expect(me.body.roles).toContain('manager');
    await s.em().getConnection().execute(`delete from employee_roles where employee_id = ? and role_code = 'manager'`, [other.employee.id]);
  });

  it('never keeps a session that was ended while requests were reading it (repeated under concurrency)', async () => {
    for (let round = 0; round < 15; round++) {
      const { token, employee } = await signIn('seller1');
      expect(await status(token)).toBe(200);
      // Twenty requests in flight while the session ends underneath them.
      const inFlight = Array.from({ length: 20 }, () => status(token));
      await s.em().nativeDelete(Session, { employee: employee.id });
      await Promise.all(inFlight);
      await eventually(() => status(token), (code) => code === 401, 2_000);
      // Once refused, refused for good: no racing lookup put it back.
      const after = await Promise.all(Array.from({ length: 20 }, () => status(token)));
      expect(after.every((code) => code === 401)).toBe(true);
    }
  });

  it('asks the database on every request while its notice connection is down, and remembers again once it is back', async () => {
    const { token } = await signIn('lawyer');
    expect(await status(token)).toBe(200);
    await s.em().getConnection().execute(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'LISTEN crm_sessions'`);
    await eventually(() => Promise.resolve(s.sessionCache.listening), (on) => !on, 2_000);
    const counter = countStatements();
    const down = await counter.during(async () => [await status(token), await status(token)]);
    expect(down.result).toEqual([200, 200]);
    expect(sessionStatements(down.statements)).toHaveLength(2);
    await eventually(() => Promise.resolve(s.sessionCache.listening), Boolean, 5_000);
    await status(token);
    const back = await counter.during(() => status(token));
    expect(back.result).toBe(200);
    expect(sessionStatements(back.statements)).toHaveLength(0);
  });

  it('trusts an entry no longer than the session lasts, nor than its time to live', async () => {
    let clock = Date.parse('2026-11-24T09:00:00Z');
    const cache = new SessionCache(databaseUrlOf(s.orm), { ttlMs: 30_000, now: () => clock });
    cache.start();
    try {
      await eventually(() => Promise.resolve(cache.listening), Boolean, 5_000);
      const actor = { employeeId: crypto.randomUUID(), email: 'a@leader.example', roles: ['employee'] };
      cache.remember('short', actor, new Date(clock + 5_000), cache.mark());
      cache.remember('long', actor, new Date(clock + 3_600_000), cache.mark());
      expect(cache.get('short')).toEqual(actor);
      clock += 6_000;
      expect(cache.get('short')).toBeUndefined();
      expect(cache.get('long')).toEqual(actor);
      clock += 30_000;
      expect(cache.get('long')).toBeUndefined();
      // A lookup that started before a change is not remembered.
      const mark = cache.mark();
      cache.forgetToken('anything');
      cache.remember('late', actor, new Date(clock + 60_000), mark);
      expect(cache.get('late')).toBeUndefined();
    } finally {
      await cache.stop();
    }
  });
});
