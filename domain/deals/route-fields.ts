// What the Deal route (and any route about a deal) may set on its deal through `update-record`:
// pure data, shared by the route validator and domain/deals/route-updates.ts, which applies it.
// `stage` is a pipeline stage code (stages are configuration, so an unknown code is found when the
// case runs and fails it with the reason); `amount` is kopecks; `status` closes the deal.
export const DEAL_ROUTE_FIELDS = {
  fields: {
    stage: 'text',
    amount: 'number',
    probability: 'number',
    planned_close: 'date',
    status: 'text',
    lost_reason: 'text',
  },
  values: { status: ['won', 'lost'] },
} as const;
