// Who works here: departments, roles (access roles and job-role queues) and employees with their
// managers. Routes assign steps to these people and roles. Sign-in sessions live in identity/.
import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base-entity.ts';

export const Department = defineEntity({
  name: 'Department',
  extends: BaseEntity,
  properties: {
    code: p.string().unique(),
    name: p.string(),
  },
});

export const Role = defineEntity({
  name: 'Role',
  properties: {
    code: p.string().primary(),
    name: p.string(),
    /** 'access' roles grant rights in the product; 'job' roles are work queues. */
    kind: p.enum(['access', 'job'] as const),
    description: p.text().nullable(),
  },
});

export const Employee = defineEntity({
  name: 'Employee',
  extends: BaseEntity,
  properties: {
    email: p.string().unique(),
    fullName: p.string(),
    title: p.string().nullable(),
    passwordHash: p.string().hidden().lazy(),
    department: () => p.manyToOne(Department).ref().nullable(),
    /** Indexed: who sees a case walks the chain of managers down from a person. */
    manager: () => p.manyToOne(Employee).ref().nullable().index(),
    roles: () => p.manyToMany(Role).pivotTable('employee_roles'),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
