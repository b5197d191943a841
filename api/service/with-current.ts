// A stale-version refusal re-thrown with the record as it is now (`current`), so the person
// compares and sends again without losing what they typed - as the clients and deals APIs do.
import { z } from '@hono/zod-openapi';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { DomainError } from '../../domain/errors.ts';
import { problemSchema } from '../problem.ts';

export async function withCurrent<T>(run: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await current() } });
    throw err;
  }
}

export const conflict = (what: string) => ({
  409: {
    description: `Stale version (\`current\` is the ${what} as it is now), or a move not allowed from the current status, or a serial number already in the register`,
    content: { 'application/problem+json': { schema: problemSchema.extend({ current: z.unknown().optional() }) } },
  },
});
