// What a route may set on a complaint through `update-record`: pure data, shared by the route
// validator (and the designer) and domain/complaints/route-updates.ts, which applies it.
// `departments` is a comma-separated list of department codes.
export const COMPLAINT_ROUTE_FIELDS = {
  fields: { status: 'text', decision: 'text', decision_kind: 'text', departments: 'text' },
} as const;
