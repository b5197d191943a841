// Completing a step with its outcome and form data: its assignee (or a member of its role's
// queue) may, with data the step accepts. Answers with the steps the case opened because of it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import { updateIdFor } from '../idempotency/derive-ids.ts';
import type { Actor } from '../identity/roles.ts';
import { actingAs, type CaseEngine, type CompletedStep } from '../processes/case-engine.ts';
import { workflowIdFor } from '../processes/process-input.ts';
import { checkCompletion, type StepCompletion } from '../routes/step-input.ts';
import { canWork, findOpenAssignment, readAssignmentFacts, type AssignmentFacts, type ReadAssignment } from './find-open-assignment.ts';

export interface CompleteAssignmentDeps<T extends AssignmentFacts> {
  em: EntityManager;
  engine: Pick<CaseEngine, 'complete'>;
  /** Reads the assignment (by default its facts only); what it returns comes back in the answer. */
  read?: ReadAssignment<T>;
}

export interface CompleteAssignmentOptions {
  assignmentId: string;
  input: StepCompletion;
  idempotencyKey?: string | undefined;
}

/** Answers with the steps the case opened, and the assignment as it was read before completing. */
export async function completeAssignment<T extends AssignmentFacts = AssignmentFacts>(deps: CompleteAssignmentDeps<T>, actor: Actor, opts: CompleteAssignmentOptions): Promise<CompletedStep & { before: T }> {
  const { assignmentId: id, input } = opts;
  const read = deps.read ?? (readAssignmentFacts(deps.em) as ReadAssignment<T>);
  const a = await findOpenAssignment(read, id);
  if (!canWork(a, actor)) {
    throw new DomainError('forbidden', a.assigneeId ? 'This assignment belongs to someone else' : `Only members of the role ${a.role ?? '?'} may complete this assignment`);
  }
  const problems = checkCompletion({ outcomes: a.outcomes ?? undefined, form: a.formFields ?? undefined }, input);
  if (problems.length) throw new DomainError('unprocessable', 'The step cannot be completed with this data', problems);
  const updateId = updateIdFor(actor.employeeId, opts.idempotencyKey, `assignment.complete:${id}`);
  const done = await deps.engine.complete(workflowIdFor(a.process.id), { assignmentId: id, actor: actingAs(actor), outcome: input.outcome, form: input.form }, { updateId });
  return { ...done, before: a };
}
