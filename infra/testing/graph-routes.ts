// Graph routes (language v1) the tests publish: complaint handling with a two-level escalation,
// a decision, parallel opinions, a loop back and a wait for the client's reply; and a race of two
// departments where the first answer is enough.
import { demoEmail } from '../db/demo-data.ts';

const is = (ref: string, value: string | boolean) => ({ '==': [{ var: ref }, value] });

export const complaintRoute = () => ({
  language: 'route/v1',
  name: 'Complaint',
  variables: { client: { type: 'text', required: true } },
  events: { customer_replied: { label: 'The client answered', payload: { satisfied: { type: 'boolean', required: true } } } },
  start: 'review',
  nodes: [
    {
      id: 'review',
      kind: 'task',
      name: 'Review the complaint',
      assignee: { type: 'person', email: demoEmail('quality') },
      due: 'P1D',
      remindBefore: ['PT2H'],
      escalations: [
        { after: 'PT12H', action: { type: 'notify-manager' } },
        { after: 'P1D', action: { type: 'reassign', to: { type: 'person', email: demoEmail('director') } } },
      ],
      outcomes: [
        { id: 'simple', label: 'Answer directly' },
        { id: 'involve', label: 'Needs legal and service' },
      ],
      next: 'triage',
    },
    { id: 'triage', kind: 'decision', branches: [{ label: 'involve others', when: is('outcomes.review', 'involve'), next: 'involve' }], otherwise: 'reply' },
    { id: 'involve', kind: 'parallel', branches: ['legal-opinion', 'service-check'], join: 'opinions' },
    { id: 'legal-opinion', kind: 'task', name: 'Legal opinion', assignee: { type: 'person', email: demoEmail('lawyer') }, due: 'P2D', next: 'opinions' },
    { id: 'service-check', kind: 'task', name: 'Check the equipment', assignee: { type: 'role', role: 'service' }, due: 'P2D', next: 'opinions' },
    { id: 'opinions', kind: 'join', mode: 'all', next: 'reply' },
    {
      id: 'reply',
      kind: 'task',
      name: 'Answer the client',
      assignee: { type: 'person', email: demoEmail('quality') },
      due: 'P1D',
      outcomes: [
        { id: 'sent', label: 'Answer sent' },
        { id: 'rework', label: 'Review again' },
      ],
      next: 'checked',
    },
    { id: 'checked', kind: 'decision', branches: [{ when: is('outcomes.reply', 'rework'), next: 'review' }], otherwise: 'await-customer' },
    { id: 'await-customer', kind: 'wait', event: 'customer_replied', timeout: 'P3D', next: 'satisfied', onTimeout: 'closed-silently' },
    { id: 'satisfied', kind: 'decision', branches: [{ when: is('forms.await-customer.satisfied', true), next: 'resolved' }], otherwise: 'unresolved' },
    { id: 'resolved', kind: 'end', result: 'success' },
    { id: 'unresolved', kind: 'end', result: 'failure', reason: 'The client is not satisfied' },
    { id: 'closed-silently', kind: 'end', result: 'success', reason: 'No answer from the client within 3 days' },
  ],
});

export const firstAnswerRoute = () => ({
  language: 'route/v1',
  name: 'Quick quote',
  start: 'ask',
  nodes: [
    { id: 'ask', kind: 'parallel', branches: ['sales-quote', 'service-quote'], join: 'first-answer' },
    { id: 'sales-quote', kind: 'task', name: 'Quote from sales', assignee: { type: 'role', role: 'sales', pick: 'least-busy' }, due: 'P1D', next: 'first-answer' },
    { id: 'service-quote', kind: 'task', name: 'Quote from service', assignee: { type: 'person', email: demoEmail('service.head') }, due: 'P1D', next: 'first-answer' },
    { id: 'first-answer', kind: 'join', mode: 'first', next: 'note' },
    { id: 'note', kind: 'action', do: { type: 'set', variable: 'answered', value: true } },
  ],
  variables: { answered: { type: 'boolean' } },
});

/** КОМПАС-style: the end of a call creates the next contact, its date depending on how it went. */
export const salesCallRoute = () => ({
  language: 'route/v1',
  name: 'Sales call',
  start: 'call',
  nodes: [
    {
      id: 'call',
      kind: 'task',
      name: 'Call the client',
      assignee: { type: 'starter' },
      outcomes: [
        { id: 'interested', label: 'Interested' },
        { id: 'later', label: 'Call back later' },
      ],
      next: 'how-did-it-go',
    },
    { id: 'how-did-it-go', kind: 'decision', branches: [{ when: { '==': [{ var: 'outcomes.call' }, 'later'] }, next: 'call-back' }], otherwise: 'send-proposal' },
    { id: 'call-back', kind: 'action', do: { type: 'create-task', name: 'Call the client back', assignee: { type: 'starter' }, due: 'P3D' } },
    { id: 'send-proposal', kind: 'action', do: { type: 'create-task', name: 'Send the proposal', assignee: { type: 'starter' }, due: 'P1D' } },
  ],
});

/** Brief, process 2: three working days before the invoice is due, sales confirms the payment. */
export const paymentReminderRoute = () => ({
  language: 'route/v1',
  name: 'Payment reminder',
  variables: { invoice_due: { type: 'date', required: true }, owner: { type: 'text', required: true } },
  start: 'until-three-days-before',
  nodes: [
    { id: 'until-three-days-before', kind: 'wait', until: { variable: 'invoice_due', offset: { working: 'P3D' }, direction: 'before' }, next: 'confirm' },
    { id: 'confirm', kind: 'task', name: 'Call the client to confirm the payment', assignee: { type: 'variable', variable: 'owner' }, due: { working: 'P1D' } },
  ],
});
