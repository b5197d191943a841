// The sales reports' settings: activity norms per working day and the commission rule. Defaults
// until management or an admin saves them.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../identity/roles.ts';
import { REPORT_SETTINGS_ID, ReportSettings } from './entities.ts';
import { DEFAULT_COMMISSION, DEFAULT_NORMS, type ActivityNorms, type CommissionRule } from './settings-rules.ts';

export interface ReportSettingsView {
  norms: ActivityNorms;
  commission: CommissionRule;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function loadReportSettings(em: EntityManager): Promise<ReportSettingsView> {
  const row = await em.findOne(ReportSettings, REPORT_SETTINGS_ID);
  return {
    norms: row?.norms ?? DEFAULT_NORMS,
    commission: row?.commission ?? DEFAULT_COMMISSION,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy?.id ?? null,
  };
}

export async function saveReportSettings(em: EntityManager, actor: Actor, input: { norms: ActivityNorms; commission: CommissionRule }): Promise<ReportSettingsView> {
  const tiers = [...input.commission.tiers].sort((a, b) => a.fromShare - b.fromShare);
  await em.upsert(ReportSettings, { id: REPORT_SETTINGS_ID, norms: input.norms, commission: { tiers }, updatedAt: new Date(), updatedBy: actor.employeeId });
  return loadReportSettings(em.fork());
}
