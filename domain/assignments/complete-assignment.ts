// Completing a step with its outcome and form data: its assignee (or a member of its role's
// queue) may, with data the step accepts. Answers with the steps the case opened because of it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import { updateIdFor } from '../idempotency/derive-ids.ts';
import type { Actor } from '../identity/roles.ts';
import { actingAs, type CaseEngine, type CompletedStep } from '../processes/case-engine.ts';
import { workflowIdFor } from '../processes/process-input.ts';
import { checkCompletion, type StepCompletion } from '../routes/step-input.ts';
import { canWork, findOpenAssignment } from './find-open-assignment.ts';

export interface CompleteAssignmentDeps {
  em: EntityManager;
  engine: Pick<CaseEngine, 'complete'>;
}

export interface CompleteAssignmentOptions {
  assignmentId: string;
  input: StepCompletion;
  idempotencyKey?: string | undefined;
}

export async function completeAssignment(deps: CompleteAssignmentDeps, actor: Actor, opts: CompleteAssignmentOptions): Promise<CompletedStep> {
  const { assignmentId: id, input } = opts;
  const a = await findOpenAssignment(deps.em, id);
  if (!canWork(a, actor)) {
    throw new DomainError('forbidden', a.assignee ? 'This assignment belongs to someone else' : `Only members of the role ${a.role?.code ?? '?'} may complete this assignment`);
  }
  const problems = checkCompletion({ outcomes: a.outcomes ?? undefined, form: a.formFields ?? undefined }, input);
  if (problems.length) throw new DomainError('unprocessable', 'The step cannot be completed with this data', problems);
  const updateId = updateIdFor(actor.employeeId, opts.idempotencyKey, `assignment.complete:${id}`);
  return deps.engine.complete(workflowIdFor(a.process.id), { assignmentId: id, actor: actingAs(actor), outcome: input.outcome, form: input.form }, { updateId });
}
