// What a route may set on an installation order through `update-record`: pure data, shared by the
// route validator (and the designer) and domain/service/route-updates.ts, which applies it.
export const INSTALLATION_ROUTE_FIELDS = {
  fields: {
    status: 'text',
    missing: 'text',
    return_deadline: 'date',
    scheduled_date: 'date',
    engineer_email: 'text',
    act_number: 'text',
    act_date: 'date',
    /** Serial numbers of the units, in the order's line order, separated by commas or new lines. */
    serial_numbers: 'text',
    contract_number: 'text',
    contract_valid_from: 'date',
    contract_valid_to: 'date',
    cancel_reason: 'text',
  },
} as const;
