// Two versions of a complaint route for the route-page tests and screenshots: v2 adds an approval
// step, gives the equipment check a longer due time and drops the notification step. And a draft
// the check refuses (a task with nobody to do it).
import type { TestStack } from '../../infra/testing/stack.ts';

const role = (r: string) => ({ type: 'role', role: r });

export function complaintV1(name = 'Рекламация по оборудованию') {
  return {
    language: 'route/v1',
    name,
    variables: { client: { type: 'text', label: 'Клиент', required: true } },
    start: 'register',
    nodes: [
      { id: 'register', kind: 'task', name: 'Зарегистрировать рекламацию', assignee: role('quality'), due: 'P1D', next: 'check' },
      { id: 'check', kind: 'task', name: 'Проверить оборудование', assignee: role('service'), due: 'P2D', next: 'notify' },
      { id: 'notify', kind: 'action', name: 'Известить клиента', do: { type: 'notify', to: { type: 'starter' }, message: 'Оборудование проверено' }, next: 'reply' },
      { id: 'reply', kind: 'task', name: 'Ответить клиенту', assignee: role('quality'), due: 'P1D', next: 'done' },
      { id: 'done', kind: 'end', result: 'success' },
    ],
  };
}

export function complaintV2(name?: string) {
  const v1 = complaintV1(name);
  const nodes = v1.nodes
    .filter((n) => n.id !== 'notify')
    .map((n) => (n.id === 'check' ? { ...n, due: 'P3D', next: 'approve' } : n));
  const approve = { id: 'approve', kind: 'task', name: 'Согласовать ответ', assignee: role('quality'), due: 'PT4H', next: 'reply' };
  return { ...v1, nodes: [...nodes.slice(0, 2), approve, ...nodes.slice(2)] };
}

/** A draft the check refuses: the first task has no assignee. */
export function brokenDraft() {
  const v1 = complaintV1();
  return { ...v1, nodes: v1.nodes.map((n) => (n.id === 'register' ? { id: n.id, kind: n.kind, name: n.name, next: 'check' } : n)) };
}

/** Saves a draft over the route's current revision, as the editor would. */
export async function putDraft(stack: TestStack, routeId: string, draft: unknown): Promise<void> {
  const current = await stack.call<{ draftRevision: number }>('GET', `/api/routes/${routeId}`, { as: 'designer' });
  const saved = await stack.call('PUT', `/api/routes/${routeId}/draft`, { as: 'designer', body: { draft, revision: current.body.draftRevision } });
  if (saved.status !== 200) throw new Error(`saving the draft answered ${saved.status}: ${JSON.stringify(saved.body)}`);
}

/** A route with v1 and v2 published through the API (for the screenshots and the English pass). */
export async function routeWithTwoVersions(stack: TestStack, key: string, name?: string): Promise<string> {
  const created = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft: complaintV1(name) } });
  if (created.status !== 201) throw new Error(`creating the route answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  for (const [draft, revision] of [[null, 1], [complaintV2(name), 2]] as const) {
    if (draft) await putDraft(stack, id, draft);
    const published = await stack.call('POST', `/api/routes/${id}/publish`, { as: 'designer', body: { revision } });
    if (published.status !== 201) throw new Error(`publishing answered ${published.status}: ${JSON.stringify(published.body)}`);
  }
  return id;
}
