// What a route may set on an installation order through `update-record`: pure data, shared by the
// route validator (and the designer) and domain/service/route-updates.ts, which applies it.
export const INSTALLATION_ROUTE_FIELDS = {
  fields: {
    status: 'text',
    missing: 'text',
    returnDeadline: 'date',
    scheduledDate: 'date',
    engineerEmail: 'text',
    actNumber: 'text',
    actDate: 'date',
    /** Serial numbers of the units, in the order's line order, separated by commas or new lines. */
    serialNumbers: 'text',
    contractNumber: 'text',
    contractValidFrom: 'date',
    contractValidTo: 'date',
    cancelReason: 'text',
  },
} as const;
