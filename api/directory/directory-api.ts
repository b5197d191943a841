// Employees and roles: who works here and which queues exist. Read-only for now; every signed-in
// employee may read the directory (routes and inboxes need it).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Role } from '../../domain/entities/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../context.ts';
import { problems, validationHook } from '../problem.ts';
import { findEmployeeViews } from './employee-view.ts';
import { codeParamSchema, employeeViewSchema, idParamSchema, roleViewSchema } from './schemas.ts';

const listEmployees = createRoute({
  method: 'get',
  path: '/employees',
  tags: ['Directory'],
  summary: 'List employees',
  request: {
    query: z.object({
      role: z.string().max(64).optional(),
      department: z.string().max(64).optional().openapi({ description: 'Department code' }),
      active: z.enum(['true', 'false', 'all']).default('true'),
    }),
  },
  responses: { 200: { description: 'Employees', content: { 'application/json': { schema: z.object({ items: z.array(employeeViewSchema) }) } } }, ...problems(400, 401) },
});

const getEmployee = createRoute({
  method: 'get',
  path: '/employees/{id}',
  tags: ['Directory'],
  summary: 'Get an employee',
  request: { params: idParamSchema },
  responses: { 200: { description: 'The employee', content: { 'application/json': { schema: employeeViewSchema } } }, ...problems(400, 401, 404) },
});

const listRoles = createRoute({
  method: 'get',
  path: '/roles',
  tags: ['Directory'],
  summary: 'List roles (access roles and job queues)',
  responses: { 200: { description: 'Roles', content: { 'application/json': { schema: z.object({ items: z.array(roleViewSchema) }) } } }, ...problems(401) },
});

const getRole = createRoute({
  method: 'get',
  path: '/roles/{code}',
  tags: ['Directory'],
  summary: 'Get a role with its members',
  request: { params: codeParamSchema },
  responses: { 200: { description: 'The role', content: { 'application/json': { schema: roleViewSchema } } }, ...problems(400, 401, 404) },
});

export const directoryApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listEmployees, async (c) => {
    const q = c.req.valid('query');
    const items = await findEmployeeViews(c.var.em, {
      ...(q.active === 'all' ? {} : { active: q.active === 'true' }),
      ...(q.role ? { roles: { code: q.role } } : {}),
      ...(q.department ? { department: { code: q.department } } : {}),
    });
    return c.json({ items }, 200);
  })
  .openapi(getEmployee, async (c) => {
    const { id } = c.req.valid('param');
    const [found] = await findEmployeeViews(c.var.em, { id });
    if (!found) throw notFound('Employee', id);
    return c.json(found, 200);
  })
  .openapi(listRoles, async (c) => {
    const roles = await c.var.em.find(Role, {}, { orderBy: { kind: 'asc', code: 'asc' } });
    return c.json({ items: roles.map((r) => ({ code: r.code, name: r.name, kind: r.kind, description: r.description ?? null })) }, 200);
  })
  .openapi(getRole, async (c) => {
    const { code } = c.req.valid('param');
    const role = await c.var.em.findOne(Role, { code });
    if (!role) throw notFound('Role', code);
    const members = await findEmployeeViews(c.var.em, { roles: { code }, active: true });
    return c.json({
      code: role.code,
      name: role.name,
      kind: role.kind,
      description: role.description ?? null,
      members: members.map((m) => ({ id: m.id, fullName: m.fullName, email: m.email })),
    }, 200);
  });
