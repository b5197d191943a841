// Small routes the API tests publish: one step for a named person, one for a role queue.
import { demoEmail } from '../db/demo-data.ts';

export const twoStepRoute = (name = 'Proposal and installation check') => ({
  language: 'route/v0',
  name,
  variables: { amount: { type: 'number', label: 'Planned amount', required: true } },
  steps: [
    {
      id: 'prepare-proposal',
      kind: 'task',
      name: 'Prepare the commercial proposal',
      assignee: { type: 'person', email: demoEmail('seller1') },
      due: 'P2D',
      outcomes: [
        { id: 'sent', label: 'Proposal sent' },
        { id: 'declined', label: 'Client declined' },
      ],
    },
    {
      id: 'site-survey',
      kind: 'task',
      name: 'Survey the installation site',
      assignee: { type: 'role', role: 'service' },
      due: 'PT8H',
      form: [
        { id: 'visit_date', label: 'Visit date', type: 'date', required: true },
        { id: 'power_ok', label: 'Power supply adequate', type: 'boolean', required: false },
      ],
    },
  ],
});
