// Texts of the campaign mail screens (templates, send progress), merged into the app's resources
// as `mailing` (i18n.ts).
export const mailingRu = {
  nav: 'Шаблоны писем',
  templates: 'Шаблоны писем', library: 'Библиотека шаблонов', newTemplate: 'Новый шаблон', create: 'Создать', empty: 'Шаблонов пока нет',
  name: 'Название', subject: 'Тема', html: 'HTML', text: 'Текст (пусто — из HTML)', updated: 'Изменён', save: 'Сохранить', saved: 'Сохранено',
  conflict: 'Кто-то изменил шаблон раньше вас; обновите страницу', preview: 'Предпросмотр', previewFor: 'Для клиента', pickClient: 'Выберите клиента',
  variables: 'Переменные', variablesHelp: 'client.name, client.region, contact.name, contact.firstName, owner.fullName, owner.email, owner.phone, campaign.name, unsubscribe_url. Пример: {{ contact.firstName | default: "коллеги" }}',
  sends: 'Рассылки', noSends: 'Рассылок ещё не было', progress: '{{done}} из {{total}}', retry: 'Повторить неудачные', retried: 'В очереди снова: {{count}}',
  finished: 'завершена', running: 'идёт',
  counts: { queued: 'В очереди', sent: 'Отправлено', failed: 'Ошибка', bounced: 'Отказ адреса', skipped: 'Пропущено', opened: 'Открыли', clicked: 'Перешли' },
  col: { client: 'Клиент', email: 'Адрес', status: 'Статус', reason: 'Причина', sentAt: 'Отправлено' },
  reasons: { unsubscribed: 'отписался', bounced: 'адрес отвергнут ранее', no_email: 'нет адреса', no_consent: 'нет согласия' },
  statusFilter: 'Статус', all: 'Все',
};

export const mailingEn: typeof mailingRu = {
  nav: 'Mail templates',
  templates: 'Mail templates', library: 'Template library', newTemplate: 'New template', create: 'Create', empty: 'No templates yet',
  name: 'Name', subject: 'Subject', html: 'HTML', text: 'Text (empty: made from the HTML)', updated: 'Changed', save: 'Save', saved: 'Saved',
  conflict: 'Someone changed the template before you; reload the page', preview: 'Preview', previewFor: 'For client', pickClient: 'Choose a client',
  variables: 'Variables', variablesHelp: 'client.name, client.region, contact.name, contact.firstName, owner.fullName, owner.email, owner.phone, campaign.name, unsubscribe_url. Example: {{ contact.firstName | default: "colleagues" }}',
  sends: 'Sends', noSends: 'Nothing sent yet', progress: '{{done}} of {{total}}', retry: 'Retry failed', retried: 'Queued again: {{count}}',
  finished: 'finished', running: 'running',
  counts: { queued: 'Queued', sent: 'Sent', failed: 'Failed', bounced: 'Bounced', skipped: 'Skipped', opened: 'Opened', clicked: 'Clicked' },
  col: { client: 'Client', email: 'Address', status: 'Status', reason: 'Reason', sentAt: 'Sent' },
  reasons: { unsubscribed: 'unsubscribed', bounced: 'address refused before', no_email: 'no address', no_consent: 'no consent' },
  statusFilter: 'Status', all: 'All',
};
