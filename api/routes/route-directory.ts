// Loads what route validation needs to know about the company: role codes and active e-mails.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Role } from '../../domain/entities/index.ts';
import type { RouteDirectory } from '../../domain/routes/validate-route.ts';

export async function loadRouteDirectory(em: EntityManager): Promise<RouteDirectory> {
  const [roles, people] = await Promise.all([
    em.find(Role, {}, { fields: ['code'] }),
    em.find(Employee, { active: true }, { fields: ['email'] }),
  ]);
  return { roles: new Set(roles.map((r) => r.code)), people: new Set(people.map((p) => p.email.toLowerCase())) };
}
