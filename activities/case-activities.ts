// The route interpreter's one side effect per transition: apply a batch of a case's effects (close
// the step just completed, open the next ones, write the timeline, close the case) in one
// PostgreSQL transaction, then deliver the e-mail it queued. A thin adapter over
// domain/processes/apply-transition.ts; a rule that cannot be met (nobody to assign, a sub-route
// never published) fails without retrying, anything else is retried by Temporal.
import { ApplicationFailure } from '@temporalio/activity';
import { applyTransition, type Registries } from '../domain/processes/apply-transition.ts';
import type { Effect, TransitionResult } from '../domain/processes/case-state.ts';
import type { ProcessInput } from '../domain/processes/process-input.ts';
import { RouteVersion } from '../domain/entities/index.ts';
import { DomainError } from '../domain/errors.ts';
import type { Orm } from '../infra/db/orm.ts';
import { createMailer, deliverNow, type Mailer } from '../infra/mail/mailer.ts';

export interface ActivityDeps {
  orm: Orm;
  /** Sends notification e-mail; without one (or without SMTP) mail stays in the outbox. */
  mailer?: Mailer | undefined;
  /** The operations and list sources routes reach; absent, the product's own (tests bring theirs). */
  registries?: Registries | undefined;
}

export interface TransitionInput {
  processId: string;
  subject: string;
  effects: Effect[];
}

export function createCaseActivities({ orm, mailer = createMailer(), registries = {} }: ActivityDeps) {
  return {
    async applyTransition(input: TransitionInput): Promise<TransitionResult> {
      let applied: Awaited<ReturnType<typeof applyTransition>>;
      try {
        applied = await orm.em.fork().transactional((em) => applyTransition(em, input, input.effects, registries));
      } catch (err) {
        if (err instanceof DomainError) throw ApplicationFailure.nonRetryable(err.message, err.name);
        throw err;
      }
      const { mailKeys, ...result } = applied;
      await deliverNow(orm.em, mailer, mailKeys);
      return result;
    },
    /** A foreach item's route version: its children start without it, so the parent's history holds it once per window, not once per child. */
    async loadDefinition(versionId: string): Promise<ProcessInput['definition']> {
      const version = await orm.em.fork().findOneOrFail(RouteVersion, versionId, { fields: ['definition'] });
      return version.definition;
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
