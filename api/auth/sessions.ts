// Opaque session tokens: the client holds a random token (cookie or bearer), PostgreSQL holds
// its SHA-256. Any API process can check any session; nothing lives in process memory.
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from '../../domain/entities/index.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { SessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'crm_session';

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function openSession(em: EntityManager, employeeId: string, ttlHours: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  em.create(Session, { tokenHash: digest(token), employee: employeeId, createdAt: now, expiresAt });
  await em.flush();
  return { token, expiresAt };
}

// The session, its employee (active only) and the employee's roles in one statement: this runs
// before every request the cache cannot answer, so it is kept to one round trip. Expired sessions
// are simply not found.
const ACTOR_FOR_TOKEN = `
  select e.id, e.email, array(select er.role_code from employee_roles er where er.employee_id = e.id order by er.role_code) as roles, s.expires_at
  from session s join employee e on e.id = s.employee_id and e.active
  where s.token_hash = ? and s.expires_at > ?`;

export async function actorForToken(em: EntityManager, token: string, cache?: SessionCache): Promise<Actor | undefined> {
  const hash = digest(token);
  const cached = cache?.get(hash);
  if (cached) return cached;
  const mark = cache?.mark();
  const [row] = await em.execute<{ id: string; email: string; roles: string[]; expires_at: string | Date }[]>(ACTOR_FOR_TOKEN, [hash, new Date()]);
  if (!row) return undefined;
  const actor: Actor = { employeeId: row.id, email: row.email, roles: row.roles };
  if (cache && mark !== undefined) cache.remember(hash, actor, new Date(row.expires_at), mark);
  return actor;
}

export async function closeSession(em: EntityManager, token: string, cache?: SessionCache): Promise<void> {
  const hash = digest(token);
  await em.nativeDelete(Session, { tokenHash: hash });
  // Other API processes hear of it from the trigger's NOTIFY; this one forgets at once.
  cache?.forgetToken(hash);
}

/** Ends every session of one employee (sign out everywhere); returns how many there were. */
export async function closeAllSessions(em: EntityManager, employeeId: string, cache?: SessionCache): Promise<number> {
  const removed = await em.nativeDelete(Session, { employee: employeeId });
  // The trigger notifies every API process once per row; this one forgets at once.
  cache?.forgetEmployee(employeeId);
  return removed;
}
