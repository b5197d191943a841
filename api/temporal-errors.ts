// Turns what the Temporal client throws into DomainErrors: an update refused by the workflow's
// validator keeps its meaning (403/404/409/422), a finished case is a 409, an unreachable
// cluster a 503-style failure with a plain message.
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
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

// gRPC status codes: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE (connection refused, server gone).
const UNREACHABLE_GRPC_CODES = new Set([4, 14]);

/** True when the call failed because the Temporal frontend could not be reached in time. */
export function temporalUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (isGrpcServiceError(e) && UNREACHABLE_GRPC_CODES.has(e.code)) return true;
    // Connection.connect/lazy report a frontend they could not reach this way.
    if (e.name === 'TransportError' || (e instanceof ServiceError && /Failed to connect|No connection established|deadline/i.test(e.message))) return true;
  }
  return false;
}

// 9 FAILED_PRECONDITION: the case's last workflow task failed (a worker died mid-way) and is
// being retried; the update was not admitted, and will be once a worker has caught up.
const BUSY_GRPC_CODE = 9;

function caseBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (isGrpcServiceError(e) && Number(e.code) === BUSY_GRPC_CODE && /workflow task/i.test(e.message)) return true;
  }
  return false;
}

export function fromTemporal(err: unknown): unknown {
  if (temporalUnavailable(err)) {
    return new DomainError('unavailable', 'The workflow engine (Temporal) cannot be reached right now; nothing was changed. Try again shortly.', [], { cause: err });
  }
  if (caseBusy(err)) {
    return new DomainError('unavailable', 'This case is catching up after a worker restart; nothing was changed. Try again in a moment.', [], { cause: err });
  }
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
