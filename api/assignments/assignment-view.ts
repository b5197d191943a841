// Loads assignments with their case and route and turns them into inbox items.
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Assignment } from '../../domain/entities/index.ts';
import type { AssignmentView } from './schemas.ts';

type AssignmentRow = InstanceType<typeof Assignment.class>;

export async function findAssignmentViews(
  em: EntityManager,
  where: FilterQuery<AssignmentRow>,
  opts: { limit?: number; orderBy?: 'dueAt' | 'openedAt' } = {},
): Promise<AssignmentView[]> {
  const rows = await em.find(Assignment, where, {
    populate: ['process', 'process.routeVersion', 'process.routeVersion.route'],
    orderBy: { [opts.orderBy ?? 'dueAt']: 'asc', id: 'asc' },
    ...(opts.limit ? { limit: opts.limit } : {}),
  });
  const now = Date.now();
  return rows.map((a) => {
    const process = a.process.getEntity();
    const route = process.routeVersion.getEntity().route.getEntity();
    return {
      id: a.id,
      process: { id: process.id, subject: process.subject, routeKey: route.key, routeName: route.name },
      stepId: a.stepId,
      stepName: a.stepName,
      instructions: a.instructions ?? null,
      assigneeId: a.assignee?.id ?? null,
      role: a.role?.code ?? null,
      status: a.status,
      overdue: a.status === 'open' && a.dueAt !== null && a.dueAt !== undefined && a.dueAt.getTime() < now,
      priority: a.priority,
      openedAt: a.openedAt.toISOString(),
      dueAt: a.dueAt?.toISOString() ?? null,
      claimedAt: a.claimedAt?.toISOString() ?? null,
      completedAt: a.completedAt?.toISOString() ?? null,
      completedBy: a.completedBy?.id ?? null,
      outcome: a.outcome ?? null,
      outcomes: a.outcomes ?? null,
      formFields: a.formFields ?? null,
      formData: a.formData ?? null,
    };
  });
}
