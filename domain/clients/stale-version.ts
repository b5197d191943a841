// A change made on a version of a record that someone else has changed since. The API answers 409
// with the record as it is now, so the person compares and re-applies what they typed.
import { OptimisticLockError } from '@mikro-orm/core';
import { DomainError } from '../errors.ts';

export class StaleVersion extends DomainError {
  readonly recordId: string;
  constructor(what: string, recordId: string, sent: number, current: number | undefined) {
    super('conflict', `${what} ${recordId} was changed by someone else (your version ${sent}${current === undefined ? '' : `, now ${current}`}); nothing was saved. Compare with the current record and send your change again with its version.`, [{ path: 'version', message: 'is not the current version' }]);
    this.recordId = recordId;
  }
}

/** Runs a flush; a concurrent change caught by the version column becomes StaleVersion. */
export async function flushVersioned(flush: () => Promise<void>, what: string, recordId: string, sent: number): Promise<void> {
  try {
    await flush();
  } catch (err) {
    if (err instanceof OptimisticLockError) throw new StaleVersion(what, recordId, sent, undefined);
    throw err;
  }
}
