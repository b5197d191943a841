// Loads employees with their department and roles and turns them into API views.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee } from '../../domain/entities/index.ts';
import type { EmployeeView } from './schemas.ts';

type EmployeeFilter = Parameters<EntityManager['find']>[1];

export async function findEmployeeViews(em: EntityManager, where: EmployeeFilter = {}): Promise<EmployeeView[]> {
  const rows = await em.find(Employee, where as object, { populate: ['department', 'roles'], orderBy: { fullName: 'asc' } });
  return rows.map((e) => {
    const dept = e.department?.getEntity();
    return {
      id: e.id,
      email: e.email,
      fullName: e.fullName,
      title: e.title ?? null,
      department: dept ? { id: dept.id, code: dept.code, name: dept.name } : null,
      managerId: e.manager?.id ?? null,
      roles: e.roles.getItems().map((r) => r.code).sort(),
      active: e.active,
    };
  });
}
