// The birthday-call schedule's activity: on the company's date, start one `birthday-call` case
// per contact person whose birthday it is, for the client's owner. The case ids are derived from
// the contact and the date, so a retried activity, a re-run schedule or two workers starting the
// same morning find the cases already there and start nothing twice.
import type { Client } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { loadCalendarSettings } from '../domain/calendar/calendar-settings.ts';
import { contactsWithBirthday, localDate } from '../domain/clients/birthdays.ts';
import { Employee, Process, Route } from '../domain/entities/index.ts';
import { caseIds } from '../domain/idempotency/derive-ids.ts';
import { startProcess } from '../api/processes/process-store.ts';
import type { Orm } from '../infra/db/orm.ts';
import type { Mailer } from '../infra/mail/mailer.ts';

export const BIRTHDAY_ROUTE_KEY = 'birthday-call';

export interface BirthdayDeps {
  orm: Orm;
  mailer?: Mailer | undefined;
  temporal?: Client | undefined;
}

export interface BirthdayCallsResult {
  date: string;
  started: number;
  /** Contacts whose client has no active owner: nobody to give the call to. */
  withoutOwner: number;
  /** Cases this run found already started (a retry or a second run the same day). */
  alreadyStarted: number;
}

export function createBirthdayActivities({ orm, mailer, temporal }: BirthdayDeps) {
  return {
    /** Starts today's birthday calls; `at` is the schedule's firing time, read in the company's time zone. */
    async startBirthdayCalls(input: { at: string; taskQueue: string }): Promise<BirthdayCallsResult> {
      if (!temporal) throw new Error('This worker has no Temporal client to start cases with');
      const em = orm.em.fork();
      const { timeZone } = await loadCalendarSettings(em);
      const date = localDate(new Date(input.at), timeZone);
      const result: BirthdayCallsResult = { date, started: 0, withoutOwner: 0, alreadyStarted: 0 };
      if (!(await em.count(Route, { key: BIRTHDAY_ROUTE_KEY, latestVersion: { $gt: 0 } }))) {
        Context.current().log.warn('No published birthday-call route: no birthday calls today', { date });
        return result;
      }
      for (const contact of await contactsWithBirthday(em, date)) {
        Context.current().heartbeat(contact.contactId);
        if (!contact.ownerEmail) {
          result.withoutOwner += 1;
          continue;
        }
        const owner = await em.fork().findOneOrFail(Employee, { email: contact.ownerEmail }, { populate: ['roles'] });
        const actor = { employeeId: owner.id, email: owner.email, roles: owner.roles.getItems().map((r) => r.code) };
        const variables = {
          owner: contact.ownerEmail,
          client: contact.clientName,
          client_id: contact.clientId,
          contact: contact.contactName,
          birthday: date,
          ...(contact.phone ? { phone: contact.phone } : {}),
        };
        const key = `birthday-call:${contact.contactId}:${date}`;
        // Started again all the same: the start is idempotent and finishes what a crash left half-done.
        const seen = (await em.fork().count(Process, { id: caseIds(owner.id, key).processId })) > 0;
        await startProcess(em.fork(), { temporal, taskQueue: input.taskQueue, mailer }, actor, {
          routeKey: BIRTHDAY_ROUTE_KEY,
          subject: `${contact.contactName}, ${contact.clientName}: день рождения`,
          variables,
        }, key);
        if (seen) result.alreadyStarted += 1;
        else result.started += 1;
      }
      return result;
    },
  };
}

export type BirthdayActivities = ReturnType<typeof createBirthdayActivities>;
