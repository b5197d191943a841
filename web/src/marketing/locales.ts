// Texts of the marketing screens (segments, campaigns), merged into the app's resources as `marketing` (i18n.ts).
export const marketingRu = {
  nav: 'Маркетинг', navSegments: 'Сегменты', navCampaigns: 'Кампании',
  yes: 'Да', no: 'Нет', none: '(не указан)', save: 'Сохранить', cancel: 'Отмена',
  segments: {
    title: 'Сегменты клиентов', new: 'Новый сегмент', name: 'Название', description: 'Описание', count: 'Клиентов сейчас', owner: 'Автор',
    liveCount_one: 'Подходит {{count}} клиент', liveCount_few: 'Подходят {{count}} клиента', liveCount_many: 'Подходят {{count}} клиентов', liveCount_other: 'Подходят {{count}} клиента',
    firstMembers: 'Первые клиенты сегмента',
  },
  filter: {
    tagsAny: 'Метки (любая из)', tagsHint: 'Родительская метка включает все вложенные', tagsNone: 'Без меток', bought: 'Покупки за период',
    boughtYes: 'Покупали', boughtNo: 'Не покупали', from: 'Период с', to: 'Период по', hasEmail: 'Есть e-mail', consent: 'Только с согласием на рассылки',
  },
  campaigns: {
    title: 'Маркетинговые кампании', new: 'Новая кампания по шаблону', name: 'Название', template: 'Шаблон', segment: 'Сегмент', budget: 'Бюджет, ₽', actual: 'факт',
    status: 'Статус', dates: 'Сроки', owner: 'Ответственный', channel: 'Канал', create: 'Создать', start: 'Запустить', cancel: 'Отменить кампанию',
  },
  status: { planned: 'Запланирована', running: 'Идёт', finished: 'Завершена', cancelled: 'Отменена' },
  channel: { mailing: 'Рассылка', phone: 'Телефон', event: 'Мероприятие', exhibition: 'Выставка', advertising: 'Реклама', website: 'Сайт', other: 'Другое' },
  kind: { reply: 'Ответ', click: 'Переход по ссылке', registration: 'Регистрация', call: 'Звонок' },
  fig: {
    recipients: 'Получатели', delivered: 'Доставлено', opened: 'Открыто', clicked: 'Переходы', responses: 'Откликнулись', dealsOpened: 'Сделки открыты',
    dealsWon: 'Сделки выиграны', revenue: 'Выручка', cost: 'Затраты', costPerResponse: 'Цена отклика', costPerWonDeal: 'Цена выигранной сделки',
  },
  responses: { title: 'Отклики', client: 'Клиент', kind: 'Вид', at: 'Когда', note: 'Комментарий', by: 'Записал', byRoute: 'по ссылке в письме', record: 'Записать отклик' },
  plan: 'План кампании', openCase: 'Шаги, ответственные и сроки - на странице случая', notStarted: 'Кампания ещё не запущена',
  messages: 'Письма', mainMessage: 'Основное письмо', reminderMessage: 'Напоминание', progress: 'Ход рассылки',
  effectiveness: 'Эффективность', byRegion: 'По регионам',
};

export const marketingEn: typeof marketingRu = {
  nav: 'Marketing', navSegments: 'Segments', navCampaigns: 'Campaigns',
  yes: 'Yes', no: 'No', none: '(none)', save: 'Save', cancel: 'Cancel',
  segments: {
    title: 'Client segments', new: 'New segment', name: 'Name', description: 'Description', count: 'Clients now', owner: 'Author',
    liveCount_one: '{{count}} client matches', liveCount_few: '{{count}} clients match', liveCount_many: '{{count}} clients match', liveCount_other: '{{count}} clients match',
    firstMembers: 'First clients of the segment',
  },
  filter: {
    tagsAny: 'Tags (any of)', tagsHint: 'A parent tag includes all tags below it', tagsNone: 'Without tags', bought: 'Purchases in the period',
    boughtYes: 'Bought', boughtNo: 'Did not buy', from: 'Period from', to: 'Period to', hasEmail: 'Has an e-mail', consent: 'Only those who agreed to marketing mail',
  },
  campaigns: {
    title: 'Marketing campaigns', new: 'New campaign from a template', name: 'Name', template: 'Template', segment: 'Segment', budget: 'Budget, ₽', actual: 'actual',
    status: 'Status', dates: 'Dates', owner: 'Owner', channel: 'Channel', create: 'Create', start: 'Start', cancel: 'Cancel the campaign',
  },
  status: { planned: 'Planned', running: 'Running', finished: 'Finished', cancelled: 'Cancelled' },
  channel: { mailing: 'Mailing', phone: 'Phone', event: 'Event', exhibition: 'Exhibition', advertising: 'Advertising', website: 'Website', other: 'Other' },
  kind: { reply: 'Reply', click: 'Link click', registration: 'Registration', call: 'Call' },
  fig: {
    recipients: 'Recipients', delivered: 'Delivered', opened: 'Opened', clicked: 'Clicked', responses: 'Responded', dealsOpened: 'Deals opened',
    dealsWon: 'Deals won', revenue: 'Revenue', cost: 'Cost', costPerResponse: 'Cost per response', costPerWonDeal: 'Cost per won deal',
  },
  responses: { title: 'Responses', client: 'Client', kind: 'Kind', at: 'When', note: 'Note', by: 'Recorded by', byRoute: 'link in the letter', record: 'Record a response' },
  plan: 'Campaign plan', openCase: 'Steps, owners and due dates are on the case page', notStarted: 'The campaign has not started yet',
  messages: 'Messages', mainMessage: 'Main message', reminderMessage: 'Reminder', progress: 'Send progress',
  effectiveness: 'Effectiveness', byRegion: 'By region',
};
