// The route the manager's browser test and the screenshots use: an offer with a due time, a
// reminder and an escalation (so a current step has timers), then a wait for the client's
// payment - an event managers may send, with a required amount.
import { demoEmail } from '../../infra/db/demo-data.ts';
import type { TestStack } from '../../infra/testing/stack.ts';

export const managerRoute = (holder: string) => ({
  language: 'route/v1',
  name: 'Сделка с оплатой',
  variables: { amount: { type: 'number', label: 'Сумма договора' } },
  events: {
    paid: { label: 'Оплата получена', payload: { amount: { type: 'number', label: 'Сумма оплаты', required: true } }, senders: { participants: false, roles: ['manager'] } },
  },
  start: 'offer',
  nodes: [
    {
      id: 'offer', kind: 'task', name: 'Подготовить КП', assignee: { type: 'person', email: demoEmail(holder) },
      due: 'P1D', remindBefore: ['PT2H'], escalations: [{ after: 'PT4H', action: { type: 'notify-manager' } }], next: 'await-payment',
    },
    { id: 'await-payment', kind: 'wait', name: 'Ждём оплату', event: 'paid', timeout: 'P5D', next: 'done', onTimeout: 'lost' },
    { id: 'done', kind: 'end', result: 'success' },
    { id: 'lost', kind: 'end', result: 'failure', reason: 'Оплата не пришла' },
  ],
});

/** Publishes the route under `key` with its first task in `holder`'s inbox. */
export async function publishManagerRoute(stack: TestStack, key: string, holder: string): Promise<void> {
  const created = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft: managerRoute(holder) } });
  const published = await stack.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  if (published.status !== 201) throw new Error(`publishing ${key}: ${published.status} ${JSON.stringify(published.body)}`);
}

export async function startCaseOf(stack: TestStack, who: string, routeKey: string, subject: string): Promise<string> {
  const res = await stack.call<{ id: string }>('POST', '/api/processes', { as: who, body: { routeKey, subject, variables: { amount: 150000 } } });
  if (res.status !== 201) throw new Error(`starting ${subject}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
