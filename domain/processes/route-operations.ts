// The one interface through which a route's `call` action reaches a business context: sending a
// campaign's e-mail to the case's client, storing a survey's answers. Each context exports its
// operations from its own `route-operations.ts`; this registry names them. The activity that
// records a case's effects runs an operation inside the transition's transaction, so what it writes
// commits together with the step that caused it, or not at all.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { CaseRecord, FormValue } from './case-state.ts';
import { mailSend } from '../mailing/route-operations.ts';
import { recordAnswersOperation } from '../surveys/route-operations.ts';
import { recordResponseOperation } from '../marketing/route-operations.ts';

export interface OperationContext {
  /** The transition's transaction. */
  em: EntityManager;
  /** The case whose action runs. */
  processId: string;
  parentProcessId: string | null;
  /** What the case is about (the client of a campaign's per-client case). */
  record: CaseRecord | null;
  variables: Readonly<Record<string, unknown>>;
  /** What each completed task's form held, by node id (a survey call's answers). */
  forms: Readonly<Record<string, Readonly<Record<string, FormValue>>>>;
  /**
   * Unique per run of the action in this case (workflow id, node id, the n-th visit): the same
   * key twice means a retried batch, and must change nothing the second time.
   */
  key: string;
  at: Date;
  /** Whoever completed the step that led here, when a person did. */
  actorId: string | null;
}

export interface RouteOperation<A extends z.ZodType = z.ZodType> {
  /** `"mail.send"`: what a route's `call` action names. */
  name: string;
  /** A sentence for the designer and the route language document. */
  description: string;
  /** The arguments once `{ from: ... }` references are resolved; checked at run time (a case that gets bad ones fails with the reason). */
  args: A;
  /** Idempotent on `ctx.key`; throws a DomainError naming the argument for a value it cannot take. */
  run(ctx: OperationContext, args: z.infer<A>): Promise<void>;
}

/** One entry per operation; each context adds its own line. */
const OPERATIONS: readonly RouteOperation[] = [
  mailSend,
  recordAnswersOperation,
  recordResponseOperation,
];

export const ROUTE_OPERATIONS: ReadonlyMap<string, RouteOperation> = new Map(OPERATIONS.map((o) => [o.name, o]));
