// The directory: who works here, in which department, under whom, with which roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Employee = { id: string; email: string; managerId: string | null; roles: string[]; department: { code: string } | null };

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

describe('employees and roles', () => {
  it('lists employees with departments, managers and roles, filtered by role', async () => {
    const all = await s.call<{ items: Employee[] }>('GET', '/api/employees', { as: 'seller1' });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(14);
    const byEmail = new Map(all.body.items.map((e) => [e.email, e]));
    const seller = byEmail.get('seller1@leader.example')!;
    expect(seller).toMatchObject({ department: { code: 'sales' }, roles: ['employee', 'sales'] });
    expect(seller.managerId).toBe(byEmail.get('sales.head@leader.example')!.id);

    const service = await s.call<{ items: Employee[] }>('GET', '/api/employees?role=service', { as: 'seller1' });
    expect(service.body.items.map((e) => e.email).sort()).toEqual(['engineer1@leader.example', 'engineer2@leader.example', 'service.head@leader.example']);
    const sales = await s.call<{ items: Employee[] }>('GET', '/api/employees?department=sales', { as: 'seller1' });
    expect(sales.body.items).toHaveLength(5);
  });

  it('gets one employee, 404 for an unknown id and 400 for a malformed one', async () => {
    const list = await s.call<{ items: Employee[] }>('GET', '/api/employees', { as: 'director' });
    const id = list.body.items[0]!.id;
    expect((await s.call('GET', `/api/employees/${id}`, { as: 'director' })).body).toMatchObject({ id });
    expect((await s.call('GET', `/api/employees/${crypto.randomUUID()}`, { as: 'director' })).status).toBe(404);
    const bad = await s.call<{ problems: { path: string }[] }>('GET', '/api/employees/42', { as: 'director' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0]!.path).toBe('param.id');
    expect((await s.call('GET', '/api/employees?active=maybe', { as: 'director' })).status).toBe(400);
  });

  it('lists roles and a role with its members', async () => {
    const roles = await s.call<{ items: { code: string; kind: string }[] }>('GET', '/api/roles', { as: 'engineer1' });
    expect(roles.body.items.filter((r) => r.kind === 'access').map((r) => r.code).sort()).toEqual(['admin', 'designer', 'employee', 'manager']);
    const service = await s.call<{ members: { email: string }[] }>('GET', '/api/roles/service', { as: 'engineer1' });
    expect(service.body.members.map((m) => m.email)).toContain('engineer2@leader.example');
    expect((await s.call('GET', '/api/roles/astronaut', { as: 'engineer1' })).status).toBe(404);
  });

  it('is not readable without signing in', async () => {
    for (const path of ['/api/employees', `/api/employees/${crypto.randomUUID()}`, '/api/roles', '/api/roles/sales']) {
      expect((await s.call('GET', path)).status).toBe(401);
    }
  });
});
