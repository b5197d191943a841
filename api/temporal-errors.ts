// Turns what the Temporal client throws into DomainErrors: an update refused by the workflow's
// validator keeps its meaning (403/404/409/422), a finished case is a 409, an unreachable
// cluster a 503-style failure with a plain message.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type DomainErrorCode, type FieldProblem } from '../domain/errors.ts';
import { UPDATE_REFUSALS } from '../workflows/contract.ts';

const CODES: Record<string, DomainErrorCode> = {
  [UPDATE_REFUSALS.notFound]: 'not_found',
  [UPDATE_REFUSALS.forbidden]: 'forbidden',
  [UPDATE_REFUSALS.conflict]: 'conflict',
  [UPDATE_REFUSALS.notRunning]: 'conflict',
  [UPDATE_REFUSALS.invalid]: 'unprocessable',
};

export function fromTemporal(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const code = CODES[err.cause.type ?? ''];
    if (code) {
      const problems = (err.cause.details?.[0] as FieldProblem[] | undefined) ?? [];
      return new DomainError(code, err.cause.message, problems);
    }
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof Error && /already completed|not found/i.test(err.message))) {
    return new DomainError('conflict', 'This case is no longer running');
  }
  return err;
}

export async function viaTemporal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw fromTemporal(err);
  }
}
