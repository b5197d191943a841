// Texts of the service screens (the register, installation orders, visits, consultations, the
// client card's equipment), merged into the app's resources as `service` (i18n.ts). Russian
// plurals need _one/_few/_many (and _other).
export const serviceRu = {
  nav: 'Сервис',
  title: 'Сервисная служба',
  tabs: { register: 'Реестр оборудования', installations: 'Заявки на монтаж', visits: 'Выезды', consultations: 'Консультации' },
  total_one: '{{count}} запись', total_few: '{{count}} записи', total_many: '{{count}} записей', total_other: '{{count}} записи',
  search: 'Поиск', searchHint: 'Серийный номер, модель, договор или клиент', any: 'Любой', reset: 'Сбросить', sort: 'Сортировка',
  empty: 'Ничего не найдено', page: 'Страница', status: 'Статус', engineer: 'Инженер', client: 'Клиент', kind: 'Вид',
  expiringSoon: 'Договор скоро истекает', expiringOnly: 'Только истекающие договоры', atRiskOnly: 'Только под угрозой срыва', atRisk: 'Срок под угрозой',
  doneFilter: 'Выполнение', done: 'Выполнен', planned: 'Запланирован', error: 'Не удалось загрузить: {{message}}',
  equipmentStatus: { 'in-service': 'На обслуживании', 'contract-expired': 'Договор истёк', removed: 'Снято' },
  installationStatus: { new: 'Новая', returned: 'Возвращена', accepted: 'Принята', scheduled: 'Запланирована', done: 'Выполнена', cancelled: 'Отменена' },
  moves: { create: 'Создана', accept: 'Принята', return: 'Возвращена на доработку', resubmit: 'Отправлена повторно', schedule: 'Запланирована', complete: 'Выполнена', cancel: 'Отменена' },
  visitKinds: { maintenance: 'Техобслуживание', repair: 'Ремонт', diagnostics: 'Диагностика' },
  col: {
    model: 'Модель', serial: 'Серийный номер', client: 'Клиент', site: 'Объект', contract: 'Договор обслуживания', contractTo: 'Действует до', status: 'Статус',
    installBy: 'Монтаж по договору', scheduled: 'Дата монтажа', engineer: 'Инженер', number: 'Договор', planned: 'Дата', kind: 'Вид', result: 'Результат',
    at: 'Когда', question: 'Вопрос', answer: 'Ответ', by: 'Кто', minutes: 'Минут', installedOn: 'Установлено', quantity: 'Кол-во', equipment: 'Оборудование',
  },
  sorts: {
    contractTo: 'Договор: раньше истекает', '-contractTo': 'Договор: позже истекает', model: 'Модель (А–Я)', '-model': 'Модель (Я–А)', serialNumber: 'Серийный номер',
    '-serialNumber': 'Серийный номер (обратно)', installedOn: 'Установлено: раньше', '-installedOn': 'Установлено: позже', client: 'Клиент (А–Я)', '-client': 'Клиент (Я–А)',
    updatedAt: 'Давно не менялись', '-updatedAt': 'Недавно изменённые', installBy: 'Срок монтажа: ближе', '-installBy': 'Срок монтажа: дальше',
    scheduledDate: 'Дата монтажа: ближе', '-scheduledDate': 'Дата монтажа: дальше', createdAt: 'Старые', '-createdAt': 'Новые',
    plannedDate: 'Дата: раньше', '-plannedDate': 'Дата: позже', at: 'Раньше', '-at': 'Позже', durationMinutes: 'Короче', '-durationMinutes': 'Дольше',
  },
  order: {
    title: 'Заявка на монтаж по договору {{number}}', back: 'К заявкам', deal: 'Сделка', site: 'Адрес объекта', installBy: 'Монтаж по договору до',
    lines: 'Оборудование к монтажу', missing: 'Не хватает', deadline: 'Срок доработки', scheduled: 'Дата монтажа', engineer: 'Инженер', act: 'Акт',
    actLine: '№ {{number}} от {{date}}', doneBy: 'Выполнил', cancelReason: 'Причина отмены', history: 'История', equipment: 'Оборудование в реестре',
    notes: 'Заметки', byCase: 'по маршруту', nothing: '—', actions: 'Действия', saved: 'Готово',
  },
  action: { accept: 'Принять', return: 'Вернуть на доработку', schedule: 'Запланировать', complete: 'Завершить с актом', cancel: 'Отменить заявку' },
  form: {
    comment: 'Комментарий', missing: 'Чего не хватает', deadline: 'Срок доработки', date: 'Дата монтажа', engineer: 'Инженер', actNumber: 'Номер акта',
    actDate: 'Дата акта', serial: 'Серийный номер: {{model}} ({{n}})', contract: 'Договор обслуживания', contractNumber: 'Номер договора обслуживания',
    validFrom: 'Действует с', validTo: 'Действует до', reason: 'Причина', submit: 'Сохранить', cancel: 'Закрыть', required: 'Заполните поле',
  },
  clientCard: { title: 'Оборудование', empty: 'Оборудования на обслуживании нет', all: 'Всё оборудование клиента' },
};

export const serviceEn: typeof serviceRu = {
  nav: 'Service',
  title: 'Service department',
  tabs: { register: 'Equipment register', installations: 'Installation orders', visits: 'Visits', consultations: 'Consultations' },
  total_one: '{{count}} record', total_few: '{{count}} records', total_many: '{{count}} records', total_other: '{{count}} records',
  search: 'Search', searchHint: 'Serial number, model, contract or client', any: 'Any', reset: 'Reset', sort: 'Sort',
  empty: 'Nothing found', page: 'Page', status: 'Status', engineer: 'Engineer', client: 'Client', kind: 'Kind',
  expiringSoon: 'Contract ends soon', expiringOnly: 'Contracts ending soon only', atRiskOnly: 'At risk only', atRisk: 'Date at risk',
  doneFilter: 'Done', done: 'Done', planned: 'Planned', error: 'Could not load: {{message}}',
  equipmentStatus: { 'in-service': 'In service', 'contract-expired': 'Contract expired', removed: 'Removed' },
  installationStatus: { new: 'New', returned: 'Returned', accepted: 'Accepted', scheduled: 'Scheduled', done: 'Done', cancelled: 'Cancelled' },
  moves: { create: 'Created', accept: 'Accepted', return: 'Returned for missing data', resubmit: 'Sent again', schedule: 'Scheduled', complete: 'Completed', cancel: 'Cancelled' },
  visitKinds: { maintenance: 'Maintenance', repair: 'Repair', diagnostics: 'Diagnostics' },
  col: {
    model: 'Model', serial: 'Serial number', client: 'Client', site: 'Site', contract: 'Service contract', contractTo: 'Valid to', status: 'Status',
    installBy: 'Contract date', scheduled: 'Installation date', engineer: 'Engineer', number: 'Contract', planned: 'Date', kind: 'Kind', result: 'Result',
    at: 'When', question: 'Question', answer: 'Answer', by: 'By', minutes: 'Minutes', installedOn: 'Installed', quantity: 'Qty', equipment: 'Equipment',
  },
  sorts: {
    contractTo: 'Contract: ends first', '-contractTo': 'Contract: ends last', model: 'Model (A–Z)', '-model': 'Model (Z–A)', serialNumber: 'Serial number',
    '-serialNumber': 'Serial number (reverse)', installedOn: 'Installed: earliest', '-installedOn': 'Installed: latest', client: 'Client (A–Z)', '-client': 'Client (Z–A)',
    updatedAt: 'Least recently changed', '-updatedAt': 'Recently changed', installBy: 'Contract date: soonest', '-installBy': 'Contract date: latest',
    scheduledDate: 'Installation: soonest', '-scheduledDate': 'Installation: latest', createdAt: 'Oldest', '-createdAt': 'Newest',
    plannedDate: 'Date: earliest', '-plannedDate': 'Date: latest', at: 'Earliest', '-at': 'Latest', durationMinutes: 'Shortest', '-durationMinutes': 'Longest',
  },
  order: {
    title: 'Installation order, contract {{number}}', back: 'To the orders', deal: 'Deal', site: 'Site address', installBy: 'Install by (contract)',
    lines: 'Equipment to install', missing: 'Missing', deadline: 'Due back by', scheduled: 'Installation date', engineer: 'Engineer', act: 'Act',
    actLine: 'No. {{number}} of {{date}}', doneBy: 'Done by', cancelReason: 'Cancel reason', history: 'History', equipment: 'Equipment in the register',
    notes: 'Notes', byCase: 'by the route', nothing: '—', actions: 'Actions', saved: 'Done',
  },
  action: { accept: 'Accept', return: 'Return for missing data', schedule: 'Schedule', complete: 'Complete with act', cancel: 'Cancel order' },
  form: {
    comment: 'Comment', missing: 'What is missing', deadline: 'Due back by', date: 'Installation date', engineer: 'Engineer', actNumber: 'Act number',
    actDate: 'Act date', serial: 'Serial number: {{model}} ({{n}})', contract: 'Service contract', contractNumber: 'Service contract number',
    validFrom: 'Valid from', validTo: 'Valid to', reason: 'Reason', submit: 'Save', cancel: 'Close', required: 'Fill this in',
  },
  clientCard: { title: 'Equipment', empty: 'No equipment under service', all: 'All of the client\'s equipment' },
};
