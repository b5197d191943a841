// A client's response to a campaign (a reply, a click, a registration, a call): one row per
// response id. A click arrives through mailing's tracked link and the per-client case; a person
// records the others through the API, which then tells that case - both paths land here with the
// same id, so each response is recorded once however many times it is reported.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { ResponseKind } from './entities.ts';

export interface ResponseInput {
  id: string;
  campaignId: string;
  clientId: string;
  kind: ResponseKind;
  at: Date;
  note?: string | null | undefined;
  recordedBy?: string | null | undefined;
}

/** True when this call wrote the row (false: it was recorded already). */
export async function recordResponse(em: EntityManager, r: ResponseInput): Promise<boolean> {
  const res = await sql`insert into campaign_response (id, campaign_id, client_id, kind, at, note, recorded_by_id)
    values (${r.id}::uuid, ${r.campaignId}::uuid, ${r.clientId}::uuid, ${r.kind}, ${r.at}, ${r.note ?? null}, ${r.recordedBy ?? null}::uuid)
    on conflict (id) do nothing`.execute(em.getKysely());
  return Number(res.numAffectedRows ?? 0) > 0;
}
