// Shapes of the team API: a manager's people with their workload, and the hand-over of work.
import { z } from '@hono/zod-openapi';
import { idSchema } from '../../domain/routes/route-schema.ts';
import { assignmentPageSchema } from '../assignments/schemas.ts';

export const teamQuery = z.object({
  managerId: z.uuid().optional().openapi({ description: 'Whose team (management and admins only); yours by default' }),
});

export const teamMemberSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    title: z.string().nullable(),
    managerId: z.uuid().nullable(),
    depth: z.number().int().openapi({ description: '1 for a direct report, 2 for their reports...' }),
    active: z.boolean(),
    open: z.number().int().openapi({ description: 'Open assignments in their inbox' }),
    overdue: z.number().int().openapi({ description: 'Of those, past their due time' }),
  })
  .openapi('TeamMember');

export const teamSchema = z.object({ managerId: z.uuid(), members: z.array(teamMemberSchema) }).openapi('Team');

export const employeeParamSchema = z.object({ employeeId: z.uuid().openapi({ param: { name: 'employeeId', in: 'path' } }) });

const limit = z.coerce.number().int().min(1).max(200).default(100);
export const teamWorkQuery = z.object({ limit, cursor: z.string().max(200).optional() });
export const teamWorkSchema = assignmentPageSchema;

export const handOverSchema = z
  .object({
    from: z.uuid().openapi({ description: 'The employee whose open work moves' }),
    assignmentIds: z.array(z.uuid()).min(1).max(500).optional().openapi({ description: 'Only these of their open assignments; all when absent' }),
    to: z.union([z.object({ employeeId: z.uuid() }).strict(), z.object({ role: idSchema }).strict()]).openapi({ description: 'Another person, or a role whose queue takes the work back' }),
    reason: z.string().trim().min(1).max(1000).openapi({ description: '"holiday", "dismissal" or your own words; recorded on every case', examples: ['holiday', 'dismissal'] }),
  })
  .openapi('HandOver');

export const handOverResultSchema = z
  .object({
    moved: z.array(z.uuid()).openapi({ description: 'Assignments now with the new holder' }),
    failed: z
      .array(z.object({ assignmentId: z.uuid(), code: z.string(), message: z.string() }))
      .openapi({ description: 'Assignments that did not move, and why; the rest moved regardless' }),
  })
  .openapi('HandOverResult');
