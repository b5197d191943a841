// What the sales reports need beyond the CRM records: monthly sales plans per seller (entered by
// their heads and management) and the report settings - activity norms per working day and the
// commission rule. One settings row per company, like the calendar's.
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../../organisation/entities.ts';
import { BaseEntity } from '../../shared/base-entity.ts';
import type { ActivityNorms, CommissionRule } from './settings-rules.ts';

export const SalesPlan = defineEntity({
  name: 'SalesPlan',
  extends: BaseEntity,
  // One figure per person per month; the monthly report reads a month's plans at once.
  uniques: [{ properties: ['employee', 'month'] }],
  indexes: [{ properties: ['month'] }],
  properties: {
    employee: () => p.manyToOne(Employee).ref().deleteRule('cascade'),
    /** 'YYYY-MM'. */
    month: p.string().length(7),
    /** Kopecks of payments to receive in the month. */
    amount: p.bigint('number'),
    updatedAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref().nullable(),
  },
});

export const REPORT_SETTINGS_ID = 'company';

export const ReportSettings = defineEntity({
  name: 'ReportSettings',
  properties: {
    id: p.string().primary(),
    norms: p.json<ActivityNorms>(),
    commission: p.json<CommissionRule>(),
    updatedAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref().nullable(),
  },
});
