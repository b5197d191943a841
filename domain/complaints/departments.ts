// Involved departments are named by their codes (legal, service, sales...): the organisation's own.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Department } from '../entities/index.ts';
import { DomainError } from '../errors.ts';

export async function departmentsByCode(em: EntityManager, codes: string[], path: string) {
  const unique = [...new Set(codes)];
  const found = await em.find(Department, { code: { $in: unique } });
  const missing = unique.filter((c) => !found.some((d) => d.code === c));
  if (missing.length) throw new DomainError('unprocessable', `No such department: ${missing.join(', ')}`, missing.map((m) => ({ path: `${path}[${codes.indexOf(m)}]`, message: `no department "${m}"` })));
  return found;
}
