// Reads the audit log newest first, narrowed by the admin's filters, one page at a time with a
// keyset cursor (the last entry's time and id), so deep pages cost what the first one does.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditActorKind } from '../../domain/audit/entities.ts';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetCursor } from '../keyset-cursor.ts';

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type AuditCursor = KeysetCursor<string>;
export const encodeAuditCursor = (c: AuditCursor): string => encodeKeysetCursor(c);
export const decodeAuditCursor = (text: string): AuditCursor | undefined => decodeKeysetCursor(text);

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string | null;
  actorKind: AuditActorKind;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
  status: number;
}

interface Row {
  id: string;
  at: Date;
  actor: string | null;
  actor_kind: AuditActorKind;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
  status: number;
}

export async function listAuditEntries(em: EntityManager, filter: AuditFilter, page: { limit: number; cursor?: AuditCursor | undefined }): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown): void => {
    where.push(sql);
    params.push(value);
  };
  if (filter.actor) add('actor = ?', filter.actor);
  if (filter.action) add('action = ?', filter.action);
  if (filter.targetType) add('target_type = ?', filter.targetType);
  if (filter.targetId) add('target_id = ?', filter.targetId);
  if (filter.from) add('at >= ?', new Date(filter.from));
  if (filter.to) add('at < ?', new Date(filter.to));
  if (page.cursor) {
    // A row comparison: the (at, id) index reads on from exactly where the last page stopped.
    where.push('(at, id) < (?, ?)');
    params.push(new Date(page.cursor.at), page.cursor.id);
  }
  params.push(page.limit + 1);
  const rows = await em.execute<Row[]>(
    `select id, at, actor, actor_kind, actor_label, action, target_type, target_id, details, ip, user_agent, status
     from audit_entry ${where.length ? `where ${where.join(' and ')}` : ''}
     order by at desc, id desc limit ?`,
    params,
  );
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map((r): AuditEntryView => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    actorKind: r.actor_kind,
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details,
    ip: r.ip,
    userAgent: r.user_agent,
    status: r.status,
  }));
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeAuditCursor({ at: last.at, id: last.id }) : null };
}
