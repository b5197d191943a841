// Exports of the lists the UI shows - clients, deals, interactions, cases - as CSV or XLSX, with
// the list's own filters and sort, read by the list's own reader: a person exports exactly the
// rows the list shows them, all pages of it. Integration keys are refused (api/auth/authenticate.ts).
import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import { listClients } from '../clients/client-view.ts';
import { checkCalendarAccess, checkHasTeam } from '../../domain/clients/calendar-access.ts';
import { idList, readInteractions } from '../clients/interactions-api.ts';
import { listClientsQuery, listInteractionsQuery } from '../clients/schemas.ts';
import type { AppEnv } from '../context.ts';
import { listDeals } from '../deals/deal-view.ts';
import { listDealsQuery } from '../deals/schemas.ts';
import { processSummaries } from '../processes/process-view.ts';
import { listProcessesQuery } from '../processes/schemas.ts';
import { problems, validationHook } from '../problem.ts';
import { exportList, exportResponses } from './export-list.ts';
import { exportFormat } from './schemas.ts';

const rubles = (kopecks: number) => kopecks / 100;
const day = (iso: string | null) => (iso === null ? null : iso.slice(0, 10));
const noPaging = { limit: true, offset: true } as const;

const route = <L extends string, Q extends z.ZodObject>(list: L, query: Q, summary: string) =>
  createRoute({ method: 'get', path: `/${list}`, tags: ['Import and export'], summary, request: { query }, responses: { ...exportResponses, ...problems(400, 401, 403) } });

const clientsQuery = listClientsQuery.omit(noPaging).extend(exportFormat);
const dealsQuery = listDealsQuery.omit(noPaging).extend(exportFormat);
const interactionsQuery = listInteractionsQuery.omit(noPaging).extend(exportFormat);
const casesQuery = listProcessesQuery.omit(noPaging).extend(exportFormat);

export const exportsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(route('clients', clientsQuery, 'The client list (its filters and sort) as a file: the clients you may see'), async (c) => {
    const { format, lang, sort, tagId, ...filter } = c.req.valid('query');
    const tagIds = tagId === undefined ? [] : Array.isArray(tagId) ? tagId : [tagId];
    type Item = Awaited<ReturnType<typeof listClients>>['items'][number];
    return exportList<Item>(c, {
      list: 'clients',
      filters: { ...filter, tagIds, sort },
      page: (offset, limit) => listClients(c.var.em, c.var.viewer, { ...filter, tagIds }, { sort, limit, offset }),
      columns: [
        { ru: 'Название', en: 'Name', value: (i) => i.name },
        { ru: 'Вид', en: 'Kind', value: (i) => i.kind },
        { ru: 'ИНН', en: 'INN', value: (i) => i.inn },
        { ru: 'Регион', en: 'Region', value: (i) => i.region },
        { ru: 'Телефон', en: 'Phone', value: (i) => i.phones.join(', ') },
        { ru: 'E-mail', en: 'E-mail', value: (i) => i.email },
        { ru: 'Стадия отношений', en: 'Stage', value: (i) => i.stage },
        { ru: 'Вероятность', en: 'Probability', value: (i) => i.probability },
        { ru: 'Канал привлечения', en: 'Source channel', value: (i) => i.sourceChannel },
        { ru: 'Ответственный', en: 'Owner', value: (i) => i.owner.name },
        { ru: 'Метки', en: 'Tags', value: (i) => i.tags.map((t) => t.name).join(', ') },
        { ru: 'Контактное лицо', en: 'Contact person', value: (i) => i.primaryContact?.fullName ?? null },
        { ru: 'Телефон контакта', en: 'Contact phone', value: (i) => i.primaryContact?.phones.join(', ') ?? null },
        { ru: 'Изменён', en: 'Updated', value: (i) => i.updatedAt },
      ],
    }, format, lang);
  })
  .openapi(route('deals', dealsQuery, 'The deal list (its filters and sort) as a file: the deals of clients you may see'), async (c) => {
    const { format, lang, sort, ...filter } = c.req.valid('query');
    type Item = Awaited<ReturnType<typeof listDeals>>['items'][number];
    return exportList<Item>(c, {
      list: 'deals',
      filters: { ...filter, sort },
      page: (offset, limit) => listDeals(c.var.em, c.var.viewer, filter, { sort, limit, offset }),
      columns: [
        { ru: 'Название сделки', en: 'Title', value: (i) => i.title },
        { ru: 'Клиент', en: 'Client', value: (i) => i.client.name },
        { ru: 'Сумма', en: 'Amount', value: (i) => rubles(i.amount) },
        { ru: 'Этап', en: 'Stage', value: (i) => (lang === 'en' ? (i.stage.nameEn ?? i.stage.name) : i.stage.name) },
        { ru: 'Статус', en: 'Status', value: (i) => i.status },
        { ru: 'Дата закрытия', en: 'Close date', value: (i) => i.plannedCloseDate },
        { ru: 'Вероятность', en: 'Probability', value: (i) => i.probability },
        { ru: 'Ответственный', en: 'Owner', value: (i) => i.owner.name },
        { ru: 'Причина отказа', en: 'Loss reason', value: (i) => i.lossReason },
        { ru: 'Закрыта', en: 'Closed', value: (i) => day(i.closedAt) },
        { ru: 'Изменена', en: 'Updated', value: (i) => i.updatedAt },
      ],
    }, format, lang);
  })
  .openapi(route('interactions', interactionsQuery, 'Interactions (a calendar, a team\'s plans, a client\'s history) as a file'), async (c) => {
    const { format, lang, sort, team, from, to, employeeIds: ids, ...rest } = c.req.valid('query');
    // The same rules as the calendar list: someone else's calendar only for those above them.
    const employeeIds = idList(ids);
    if (team === 'true') await checkHasTeam(c.var.em, c.var.actor);
    await checkCalendarAccess(c.var.em, c.var.actor, [...(rest.employeeId ? [rest.employeeId] : []), ...(employeeIds ?? [])]);
    const filter = { ...rest, employeeIds, teamOf: team === 'true' ? c.var.actor.employeeId : undefined, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    type Item = Awaited<ReturnType<typeof readInteractions>>['items'][number];
    return exportList<Item>(c, {
      list: 'interactions',
      filters: { ...rest, employeeIds: ids, team, from, to, sort },
      page: (offset, limit) => readInteractions(c.var.em, c.var.viewer, filter, { sort, limit, offset }),
      columns: [
        { ru: 'Когда', en: 'At', value: (i) => i.at },
        { ru: 'Вид', en: 'Kind', value: (i) => i.kind },
        { ru: 'Статус', en: 'Status', value: (i) => i.status },
        { ru: 'Клиент', en: 'Client', value: (i) => i.client.name },
        { ru: 'Контактное лицо', en: 'Contact person', value: (i) => i.contact?.fullName ?? null },
        { ru: 'Сотрудник', en: 'Employee', value: (i) => i.employee.name },
        { ru: 'Тема', en: 'Subject', value: (i) => i.subject },
        { ru: 'Отчёт', en: 'Report', value: (i) => i.report },
        { ru: 'Результат', en: 'Result', value: (i) => i.result },
        { ru: 'Следующий контакт', en: 'Next contact', value: (i) => i.nextContactAt },
      ],
    }, format, lang);
  })
  .openapi(route('cases', casesQuery, 'The case list (its filters) as a file: the cases you may see'), async (c) => {
    const { format, lang, status, routeId, startedBy, version, startedFrom, startedTo, holder } = c.req.valid('query');
    const where = {
      ...(status ? { status } : {}), ...(routeId ? { routeVersion: { route: routeId } } : {}), ...(startedBy ? { startedBy } : {}),
      ...(version !== undefined ? { version } : {}), ...(startedFrom ? { startedFrom: new Date(startedFrom) } : {}),
      ...(startedTo ? { startedTo: new Date(startedTo) } : {}), ...(holder ? { holder } : {}),
    };
    type Item = Awaited<ReturnType<typeof processSummaries>>['items'][number];
    return exportList<Item>(c, {
      list: 'cases',
      filters: { status, routeId, startedBy, version, startedFrom, startedTo, holder },
      page: (offset, limit) => processSummaries(c.var.em, c.var.viewer, where, { limit, offset }),
      columns: [
        { ru: 'Тема', en: 'Subject', value: (i) => i.subject },
        { ru: 'Маршрут', en: 'Route', value: (i) => i.route.name },
        { ru: 'Версия', en: 'Version', value: (i) => i.route.version },
        { ru: 'Статус', en: 'Status', value: (i) => i.status },
        { ru: 'Текущий шаг', en: 'Current step', value: (i) => i.currentStep?.name ?? null },
        { ru: 'Ждёт', en: 'Waiting for', value: (i) => i.waitingFor.map((w) => w.holder?.name ?? w.role ?? '').join(', ') },
        { ru: 'Просрочен', en: 'Overdue', value: (i) => i.stuck },
        { ru: 'Начат', en: 'Started', value: (i) => i.startedAt },
        { ru: 'Завершён', en: 'Ended', value: (i) => i.endedAt },
      ],
    }, format, lang);
  });
