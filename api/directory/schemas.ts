// Shapes of employees and roles as the API returns them.
import { z } from '@hono/zod-openapi';

export const employeeViewSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    department: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
    managerId: z.uuid().nullable(),
    roles: z.array(z.string()),
    active: z.boolean(),
  })
  .openapi('Employee');
export type EmployeeView = z.infer<typeof employeeViewSchema>;

export const roleViewSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['access', 'job']),
    description: z.string().nullable(),
    members: z.array(z.object({ id: z.uuid(), fullName: z.string(), email: z.string() })).optional(),
  })
  .openapi('Role');

export const idParamSchema = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const codeParamSchema = z.object({ code: z.string().min(1).max(64).openapi({ param: { name: 'code', in: 'path' } }) });
