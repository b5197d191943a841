// The survey schedules' activities. Monthly: on the first working day of the month (company
// calendar and time zone) start one `survey-phone` case for the published satisfaction
// questionnaire about last month's new clients - its case id derived from the month, so a
// re-run, a retry or a second worker starts nothing twice. Every few minutes: start the complaint
// route of complaints that low phone-survey scores registered inside the engine's transaction.
import type { Client } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { companyCalendar, loadCalendarSettings } from '../domain/calendar/calendar-settings.ts';
import { localDate } from '../domain/clients/birthdays.ts';
import { Employee, Route } from '../domain/entities/index.ts';
import { Questionnaire } from '../domain/surveys/entities.ts';
import { isFirstWorkingDayOfMonth } from '../domain/surveys/first-working-day.ts';
import { previousMonth } from '../domain/surveys/survey-clients.ts';
import { startProcess } from '../api/processes/process-store.ts';
import { startSurveyComplaintRoutes } from '../api/surveys/survey-complaints.ts';
import type { Orm } from '../infra/db/orm.ts';
import type { Mailer } from '../infra/mail/mailer.ts';

export const SURVEY_PHONE_ROUTE_KEY = 'survey-phone';
/** The questionnaire the monthly phone round asks (seeded: the reference company's satisfaction survey). */
export const PHONE_SURVEY_QUESTIONNAIRE_KEY = 'satisfaction';

export interface SurveyDeps {
  orm: Orm;
  mailer?: Mailer | undefined;
  temporal?: Client | undefined;
}

export type PhoneRoundResult = { date: string; started: boolean; reason: string };

export function createSurveyActivities({ orm, mailer, temporal }: SurveyDeps) {
  return {
    async startPhoneSurveyRound(input: { at: string; taskQueue: string }): Promise<PhoneRoundResult> {
      if (!temporal) throw new Error('This worker has no Temporal client to start cases with');
      const em = orm.em.fork();
      const at = new Date(input.at);
      const { timeZone } = await loadCalendarSettings(em);
      const date = localDate(at, timeZone);
      if (!isFirstWorkingDayOfMonth(await companyCalendar(em, at), date)) return { date, started: false, reason: 'not the first working day of the month' };
      if (!(await em.count(Route, { key: SURVEY_PHONE_ROUTE_KEY, latestVersion: { $gt: 0 } }))) {
        Context.current().log.warn('No published survey-phone route: no phone survey this month', { date });
        return { date, started: false, reason: 'no published survey-phone route' };
      }
      const q = await em.findOne(Questionnaire, { key: PHONE_SURVEY_QUESTIONNAIRE_KEY, publishedVersion: { $gt: 0 } });
      if (!q) return { date, started: false, reason: `no published questionnaire "${PHONE_SURVEY_QUESTIONNAIRE_KEY}"` };
      const quality = await em.findOne(Employee, { active: true, roles: { code: 'quality' } }, { populate: ['roles'], orderBy: { email: 'asc' } })
        ?? await em.findOneOrFail(Employee, { active: true, roles: { code: 'admin' } }, { populate: ['roles'], orderBy: { email: 'asc' } });
      const actor = { employeeId: quality.id, email: quality.email, roles: quality.roles.getItems().map((r) => r.code) };
      const month = previousMonth(date);
      await startProcess(em.fork(), { temporal, taskQueue: input.taskQueue, mailer }, actor, {
        routeKey: SURVEY_PHONE_ROUTE_KEY, subject: `Телефонный опрос новых клиентов за ${month}`, variables: { questionnaire_id: q.id, month },
      }, `survey-phone:${month}`);
      return { date, started: true, reason: month };
    },

    async startSurveyComplaints(input: { taskQueue: string }): Promise<number> {
      if (!temporal) throw new Error('This worker has no Temporal client to start cases with');
      return startSurveyComplaintRoutes(orm.em.fork(), { temporal, taskQueue: input.taskQueue, mailer });
    },
  };
}

export type SurveyActivities = ReturnType<typeof createSurveyActivities>;
