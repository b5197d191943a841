// Tags the VIP candidates of a period. Management and admins only: a head sees his team's
// candidates but the tag changes how the whole company treats a client. The tag "VIP" is created
// once, under the "Лояльность" branch when the tree has one (a VIP is the most loyal kind of
// client), else at the root; an existing "VIP" anywhere is reused. Clients tagged already are left
// as they are, so running it twice changes nothing; each client tagged gets its own audit entry,
// written in the same transaction as the tag.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { AuditEntry, ClientTag } from '../../entities/index.ts';
import { DomainError } from '../../errors.ts';
import { hasAnyRole, type Actor } from '../../identity/roles.ts';
import { OVERSEES_EVERYONE } from '../../team/check-team-access.ts';
import { VIP_TAG_NAME, vipCandidates, type VipQuery } from './vip-report.ts';

export const VIP_PARENT_NAME = 'Лояльность';

export async function tagVip(em: EntityManager, actor: Actor, q: VipQuery) {
  if (!hasAnyRole(actor, OVERSEES_EVERYONE)) throw new DomainError('forbidden', 'Only management and admins tag VIP clients');
  return em.transactional(async (tx) => {
    // One tagging at a time: two at once would both create the tag.
    await sql`select pg_advisory_xact_lock(hashtext('client-tag:vip'))`.execute(tx.getKysely());
    let tag = await tx.findOne(ClientTag, { name: VIP_TAG_NAME }, { orderBy: { createdAt: 'asc' } });
    const created = !tag;
    if (!tag) {
      const parent = await tx.findOne(ClientTag, { name: VIP_PARENT_NAME, parent: null });
      tag = tx.create(ClientTag, { id: crypto.randomUUID(), name: VIP_TAG_NAME, parent: parent?.id ?? null, createdAt: new Date() });
      await tx.flush();
    }
    const { items } = await vipCandidates(tx, actor, q);
    const now = new Date();
    const fresh = items.filter((i) => !i.tagged);
    for (const i of fresh) {
      await sql`insert into client_tag_link (client_id, client_tag_id) values (${i.client.id}, ${tag.id}) on conflict do nothing`.execute(tx.getKysely());
      tx.create(AuditEntry, {
        id: crypto.randomUUID(), at: now, actor: actor.employeeId, actorKind: 'employee', actorLabel: actor.email, action: 'client.vip-tag',
        targetType: 'client', targetId: i.client.id, details: { tagId: tag.id, value: i.value, from: q.from, to: q.to, threshold: q.threshold },
        ip: null, userAgent: null, status: 200,
      });
    }
    await tx.flush();
    return {
      tag: { id: tag.id, name: tag.name, created },
      tagged: fresh.map((i) => ({ client: i.client, value: i.value })),
      alreadyTagged: items.length - fresh.length,
    };
  });
}
