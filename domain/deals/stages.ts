// Editing the pipeline (admins and management): add a stage, rename it or move it on the board,
// change its default probability, delete it. The code is fixed once created - the deal route and
// reports refer to it. A stage any deal is in, failed at or passed through is not deleted (409):
// the history and the refusal analysis would lose it; nor is the last stage.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DealStage } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';

export interface StageFields {
  name: string;
  nameEn: string | null;
  position?: number | undefined;
  probability: number;
}

export async function createStage(em: EntityManager, opts: StageFields & { id?: string | undefined; code: string }): Promise<string> {
  if (opts.id && (await em.count(DealStage, { id: opts.id }))) return opts.id; // a retried request that already created it
  if (await em.count(DealStage, { code: opts.code })) throw new DomainError('conflict', `A stage with the code "${opts.code}" exists already`, [{ path: 'code', message: 'is taken' }]);
  const { rows } = await sql<{ last: number | null }>`select max(position) as last from deal_stage`.execute(em.getKysely());
  const now = new Date();
  const stage = em.create(DealStage, {
    id: opts.id ?? crypto.randomUUID(), code: opts.code, name: opts.name, nameEn: opts.nameEn,
    position: opts.position ?? (rows[0]?.last ?? 0) + 10, probability: opts.probability, createdAt: now, updatedAt: now,
  });
  await em.flush();
  return stage.id;
}

export async function updateStage(em: EntityManager, stageId: string, fields: Partial<StageFields>): Promise<void> {
  const stage = await em.findOne(DealStage, stageId);
  if (!stage) throw notFound('Pipeline stage', stageId);
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  em.assign(stage, { ...defined, updatedAt: new Date() });
  await em.flush();
}

export async function deleteStage(em: EntityManager, stageId: string): Promise<void> {
  const stage = await em.findOne(DealStage, stageId);
  if (!stage) throw notFound('Pipeline stage', stageId);
  const { rows } = await sql<{ deals: string; stages: string }>`select
      (select count(*) from deal d where d.stage_id = ${stageId}::uuid or d.lost_at_stage_id = ${stageId}::uuid)
      + (select count(*) from deal_stage_change h where h.from_stage_id = ${stageId}::uuid or h.to_stage_id = ${stageId}::uuid) as deals,
      (select count(*) from deal_stage) as stages`.execute(em.getKysely());
  if (Number(rows[0]?.deals ?? 0) > 0) throw new DomainError('conflict', `Stage "${stage.name}" is in use by deals (now or in their history); it cannot be deleted`);
  if (Number(rows[0]?.stages ?? 0) <= 1) throw new DomainError('conflict', 'The pipeline needs at least one stage');
  await em.nativeDelete(DealStage, { id: stageId });
}
