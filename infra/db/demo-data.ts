// The reference company "Лидер" (refrigeration equipment: sales, installation, service) as demo
// data: departments, employees with roles and managers, and one published sample route.
import type { RouteDefinition } from '../../domain/routes/route-schema.ts';

export const DEMO_PASSWORD = 'leader-demo';
export const DEMO_DOMAIN = 'leader.example';

export const DEPARTMENTS = [
  { code: 'management', name: 'Руководство' },
  { code: 'sales', name: 'Отдел продаж' },
  { code: 'service', name: 'Сервисная служба' },
  { code: 'marketing', name: 'Отдел маркетинга' },
  { code: 'quality', name: 'Служба качества' },
  { code: 'legal', name: 'Юридический отдел' },
] as const;

export const ROLES = [
  { code: 'employee', kind: 'access', name: 'Employee', description: 'Works on assigned steps' },
  { code: 'manager', kind: 'access', name: 'Manager', description: 'Sees and steers the work of others' },
  { code: 'designer', kind: 'access', name: 'Process designer', description: 'Edits and publishes routes' },
  { code: 'admin', kind: 'access', name: 'Administrator', description: 'Everything' },
  { code: 'sales', kind: 'job', name: 'Менеджер по продажам', description: 'Sales managers' },
  { code: 'sales-head', kind: 'job', name: 'Руководитель отдела продаж', description: 'Takes over deals whose owner is late' },
  { code: 'sales-assistant', kind: 'job', name: 'Помощник отдела продаж', description: 'Paperwork for deals' },
  { code: 'service', kind: 'job', name: 'Сервисный инженер', description: 'Installation and service visits' },
  { code: 'service-head', kind: 'job', name: 'Руководитель сервиса', description: 'Accepts installation hand-offs and schedules installations' },
  { code: 'marketing', kind: 'job', name: 'Маркетолог', description: 'Campaigns and surveys' },
  { code: 'quality', kind: 'job', name: 'Менеджер по качеству', description: 'Complaint handling' },
  { code: 'legal', kind: 'job', name: 'Юрист', description: 'Contracts and claims' },
  { code: 'management', kind: 'job', name: 'Руководитель', description: 'Heads of the company' },
] as const;

export interface DemoEmployee {
  key: string;
  fullName: string;
  title: string;
  department: (typeof DEPARTMENTS)[number]['code'];
  roles: string[];
  manager?: string;
}

export const EMPLOYEES: DemoEmployee[] = [
  { key: 'director', fullName: 'Олег Петров', title: 'Коммерческий директор', department: 'management', roles: ['employee', 'manager', 'management'] },
  { key: 'admin', fullName: 'Ирина Волкова', title: 'Системный администратор', department: 'management', roles: ['employee', 'admin'], manager: 'director' },
  { key: 'designer', fullName: 'Мария Кузнецова', title: 'Бизнес-аналитик', department: 'management', roles: ['employee', 'designer'], manager: 'director' },
  { key: 'sales.head', fullName: 'Андрей Соколов', title: 'Руководитель отдела продаж', department: 'sales', roles: ['employee', 'manager', 'sales', 'sales-head'], manager: 'director' },
  { key: 'seller1', fullName: 'Дмитрий Иванов', title: 'Менеджер по продажам', department: 'sales', roles: ['employee', 'sales'], manager: 'sales.head' },
  { key: 'seller2', fullName: 'Елена Морозова', title: 'Менеджер по продажам', department: 'sales', roles: ['employee', 'sales'], manager: 'sales.head' },
  { key: 'seller3', fullName: 'Павел Лебедев', title: 'Менеджер по продажам', department: 'sales', roles: ['employee', 'sales'], manager: 'sales.head' },
  { key: 'assistant', fullName: 'Ольга Новикова', title: 'Помощник отдела продаж', department: 'sales', roles: ['employee', 'sales-assistant'], manager: 'sales.head' },
  { key: 'service.head', fullName: 'Сергей Козлов', title: 'Руководитель сервисной службы', department: 'service', roles: ['employee', 'manager', 'service', 'service-head'], manager: 'director' },
  { key: 'engineer1', fullName: 'Николай Попов', title: 'Сервисный инженер', department: 'service', roles: ['employee', 'service'], manager: 'service.head' },
  { key: 'engineer2', fullName: 'Виктор Васильев', title: 'Сервисный инженер', department: 'service', roles: ['employee', 'service'], manager: 'service.head' },
  { key: 'quality', fullName: 'Татьяна Федорова', title: 'Менеджер по качеству', department: 'quality', roles: ['employee', 'quality'], manager: 'director' },
  { key: 'lawyer', fullName: 'Алексей Михайлов', title: 'Юрист', department: 'legal', roles: ['employee', 'legal'], manager: 'director' },
  { key: 'marketer', fullName: 'Юлия Егорова', title: 'Маркетолог', department: 'marketing', roles: ['employee', 'marketing'], manager: 'director' },
];

export const demoEmail = (key: string): string => `${key}@${DEMO_DOMAIN}`;

/** The demo company's calendar settings: Moscow time and the government's decree transfers. */
export const DEMO_CALENDAR = {
  timeZone: 'Europe/Moscow',
  overrides: {
    // 2025: Saturday 1 November worked (and shortened) for Monday 3 November off;
    // 2026: 9 January, 11 May and 31 December off.
    holidays: ['2025-11-03', '2026-01-09', '2026-05-11', '2026-12-31'],
    workingDays: ['2025-11-01'],
    shortDays: ['2025-11-01'],
  },
};

/**
 * A route in the v0 format (a list of steps) kept as an example for the v0 tests. The demo company
 * runs the shipped installation hand-off (domain/routes/shipped/installation-handoff.route.json).
 */
export const SAMPLE_ROUTE: { key: string; definition: RouteDefinition } = {
  key: 'installation-handoff',
  definition: {
    language: 'route/v0',
    name: 'Передача в монтаж',
    description: 'После подписания договора: документы передаются в сервис сразу, монтаж планируется и выполняется к сроку договора.',
    variables: {
      contract_no: { type: 'text', label: 'Номер договора', required: true },
      install_by: { type: 'date', label: 'Срок монтажа по договору', required: true },
    },
    steps: [
      {
        id: 'handoff-documents',
        kind: 'task',
        name: 'Передать документы в сервис',
        instructions: 'Приложите договор, спецификацию и контакты клиента.',
        assignee: { type: 'role', role: 'sales-assistant' },
        due: 'PT4H',
        form: [{ id: 'documents_link', label: 'Ссылка на документы', type: 'text', required: true }],
      },
      {
        id: 'schedule-installation',
        kind: 'task',
        name: 'Согласовать дату монтажа с клиентом',
        assignee: { type: 'person', email: demoEmail('service.head') },
        due: 'P1D',
        form: [{ id: 'install_date', label: 'Дата монтажа', type: 'date', required: true }],
      },
      {
        id: 'install',
        kind: 'task',
        name: 'Выполнить монтаж и пусконаладку',
        assignee: { type: 'role', role: 'service' },
        due: 'P5D',
        outcomes: [
          { id: 'installed', label: 'Смонтировано' },
          { id: 'problem', label: 'Есть проблема' },
        ],
        form: [{ id: 'notes', label: 'Замечания', type: 'text', required: false }],
      },
    ],
  },
};
