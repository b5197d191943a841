// Opaque session tokens: the client holds a random token (cookie or bearer), PostgreSQL holds
// its SHA-256. Any API process can check any session; nothing lives in process memory.
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Session } from '../../domain/entities/index.ts';
import type { Actor } from '../../domain/identity/roles.ts';

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

export async function actorForToken(em: EntityManager, token: string): Promise<Actor | undefined> {
  const session = await em.findOne(Session, { tokenHash: digest(token), expiresAt: { $gt: new Date() } });
  if (!session) return undefined;
  const employee = await em.findOne(Employee, { id: session.employee.id, active: true }, { populate: ['roles'] });
  if (!employee) return undefined;
  return { employeeId: employee.id, email: employee.email, roles: employee.roles.getItems().map((r) => r.code) };
}

export async function closeSession(em: EntityManager, token: string): Promise<void> {
  await em.nativeDelete(Session, { tokenHash: digest(token) });
}
