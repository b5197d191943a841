// Russian, the default language. Counts use i18next's plural suffixes for Russian: _one (1, 21),
// _few (2-4, 22-24), _many (5-20, 25...).
export const ru = {
  app: { name: 'Маршруты', skip: 'Перейти к содержимому' },
  nav: { inbox: 'Входящие', start: 'Запустить процесс', signOut: 'Выйти', language: 'Язык', menu: 'Меню' },
  signIn: {
    title: 'Вход в систему', email: 'Эл. почта', password: 'Пароль', submit: 'Войти',
    wrong: 'Неверная почта или пароль', blocked: 'Слишком много попыток, попробуйте позже', expired: 'Сессия закончилась — войдите снова',
  },
  bell: { title: 'Уведомления', unread_one: '{{count}} непрочитанное', unread_few: '{{count}} непрочитанных', unread_many: '{{count}} непрочитанных', empty: 'Уведомлений нет', readAll: 'Прочитать все' },
  inbox: {
    title: 'Входящие', tabAll: 'Все', tabMine: 'Мои', tabQueue: 'Очереди ролей',
    overdue: 'Просрочено', today: 'На сегодня', new: 'Новые',
    tasks_one: '{{count}} задача', tasks_few: '{{count}} задачи', tasks_many: '{{count}} задач',
    filters: 'Фильтры и сортировка', search: 'Поиск по теме', priority: 'Приоритет', route: 'Маршрут', any: 'Любой', sort: 'Сортировка',
    sortDue: 'По сроку', sortPriority: 'По приоритету', sortAge: 'По давности',
    onlyOverdue: 'Просроченные', onlyToday: 'На сегодня', reset: 'Сбросить',
    claim: 'Взять', claimed: 'Задача ваша', inQueue: 'В очереди: {{role}}', noDue: 'без срока',
    due: 'Срок {{when}}', empty: 'Задач нет', emptyFiltered: 'Под фильтр ничего не подходит', live: 'Обновляется автоматически',
  },
  priority: { low: 'Низкий', normal: 'Обычный', high: 'Высокий', urgent: 'Срочный' },
  task: {
    instructions: 'Что сделать', case: 'Дело', variables: 'Данные дела', history: 'Ранее по делу', form: 'Форма',
    due: 'Срок', overdue: 'Просрочено', escalation: 'Эскалация', timers: 'Ожидается', noHistory: 'Ранее шагов не было',
    complete: 'Завершить', claimFirst: 'Задача в очереди роли {{role}}. Возьмите её, чтобы выполнить.',
    done: 'Задача выполнена', notOpen: 'Задача уже не открыта ({{status}})', fixErrors: 'Исправьте отмеченные поля',
    openCase: 'Открыть дело', back: 'Ко входящим', required: 'Обязательное поле', mustNumber: 'Нужно число', mustDate: 'Нужна дата',
    yes: 'Да', no: 'Нет', outcome: 'Итог', by: 'Кто', when: 'Когда', notFound: 'Задача не найдена',
  },
  status: { open: 'открыта', completed: 'выполнена', withdrawn: 'снята', running: 'идёт', cancelled: 'отменено', failed: 'сбой' },
  start: {
    title: 'Запустить процесс', route: 'Маршрут', pick: 'Выберите маршрут', subject: 'Тема', subjectHint: 'О чём это дело, например «Павильон 12, 3 витрины»',
    submit: 'Запустить', none: 'Опубликованных маршрутов нет', started: 'Дело запущено',
  },
  case: { title: 'Дело', status: 'Статус', route: 'Маршрут', started: 'Начато', timeline: 'Ход дела', work: 'Задачи', current: 'Сейчас', notFound: 'Дело не найдено' },
  event: {
    'step.escalated': 'Эскалация', 'step.reminded': 'Напоминание', 'event.received': 'Получено событие', 'event.timeout': 'Событие не пришло вовремя', 'subprocess.finished': 'Подпроцесс завершён',
    'process.started': 'Дело начато', 'process.completed': 'Дело завершено', 'process.cancelled': 'Дело отменено', 'process.failed': 'Сбой дела',
    'step.opened': 'Шаг открыт', 'step.completed': 'Шаг выполнен', 'step.claimed': 'Задачу взяли', 'step.reassigned': 'Задачу передали', 'step.withdrawn': 'Шаг снят',
  },
  common: { loading: 'Загрузка…', error: 'Ошибка: {{message}}', retry: 'Повторить', save: 'Сохранить', unknown: 'неизвестно', system: 'система' },
};
