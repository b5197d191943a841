// Every entity the ORM knows, in one list for MikroORM.init and the migration generator.
import { IdempotencyKey } from './idempotency.ts';
import { MailMessage, Notification } from './notifications.ts';
import { Department, Employee, Role, Session } from './organisation.ts';
import { Assignment, Process, StepEvent } from './processes.ts';
import { Route, RouteVersion } from './routes.ts';
import { CalendarSettings } from './settings.ts';

export { Department, Employee, Role, Session, Route, RouteVersion, Process, Assignment, StepEvent, Notification, MailMessage, CalendarSettings, IdempotencyKey };
export const entities = [Department, Role, Employee, Session, Route, RouteVersion, Process, Assignment, StepEvent, Notification, MailMessage, CalendarSettings, IdempotencyKey];
