// Texts of the survey screens and the public survey page (namespace `surveys`), Russian first.
export const surveysRu = {
  nav: 'Опросы',
  title: 'Опросы', create: 'Новая анкета', key: 'Код', name: 'Название', intro: 'Вступление', status: 'Состояние',
  statuses: { draft: 'Черновик', published: 'Опубликована' }, changed: 'есть изменения', version: 'Версия {{n}}', answerSets: 'Ответов', questions: 'Вопросов',
  edit: 'Изменить', results: 'Результаты', save: 'Сохранить', publish: 'Опубликовать', saved: 'Сохранено', published: 'Опубликована версия {{n}}',
  addQuestion: 'Добавить вопрос', up: 'Выше', down: 'Ниже', remove: 'Удалить', question: 'Вопрос {{n}}', text: 'Текст вопроса', type: 'Тип ответа', id: 'Код вопроса',
  types: { score: 'Оценка', single: 'Один вариант', multiple: 'Несколько вариантов', yesno: 'Да / нет', text: 'Текст' },
  scale: 'Шкала', lowBelow: 'Низкая оценка - ниже', nps: 'Вопрос NPS («порекомендуете ли вы нас»)', options: 'Варианты (по одному в строке)', required: 'Обязательный',
  preview: 'Предпросмотр', callRoute: 'Маршрут звонка: {{key}}', sendEmail: 'Разослать постоянным клиентам', roundSent: 'Разослано: {{n}}, исключено (отписались): {{s}}',
  period: 'Период', from: 'С', to: 'По', channel: 'Канал', channels: { all: 'Все', phone: 'Телефон', email: 'E-mail' },
  total: 'Анкет: {{n}} (по телефону {{phone}}, по e-mail {{email}}), с низкой оценкой: {{low}}',
  average: 'Средняя: {{v}}', lowShare: 'Низких: {{v}}', npsValue: 'NPS: {{v}}', answered: 'Ответили: {{n}}',
  value: 'Значение', count: 'Ответов', share: 'Доля', option: 'Вариант', noText: 'Текстовых ответов нет', client: 'Клиент', answeredAt: 'Когда',
  lowAnswers: 'Низкие оценки', complaintOpened: 'жалоба {{number}} открыта', notForYou: 'Опросы ведут отдел качества и маркетинг; руководство читает результаты.',
  yes: 'Да', no: 'Нет',
  public: {
    title: 'Опрос компании «Лидер»', submit: 'Отправить ответы', thanks: 'Спасибо! Ваши ответы получены.', already: 'Ваши ответы уже были получены раньше. Спасибо!',
    badLink: 'Ссылка недействительна: возможно, её срок истёк.', tooMany: 'Слишком много попыток. Попробуйте позже.', fix: 'Проверьте отмеченные ответы.', requiredMark: 'обязательный вопрос',
  },
};

export const surveysEn: typeof surveysRu = {
  nav: 'Surveys',
  title: 'Surveys', create: 'New questionnaire', key: 'Key', name: 'Name', intro: 'Introduction', status: 'Status',
  statuses: { draft: 'Draft', published: 'Published' }, changed: 'changed since', version: 'Version {{n}}', answerSets: 'Answers', questions: 'Questions',
  edit: 'Edit', results: 'Results', save: 'Save', publish: 'Publish', saved: 'Saved', published: 'Version {{n}} published',
  addQuestion: 'Add a question', up: 'Up', down: 'Down', remove: 'Remove', question: 'Question {{n}}', text: 'Question text', type: 'Answer type', id: 'Question key',
  types: { score: 'Score', single: 'One option', multiple: 'Several options', yesno: 'Yes / no', text: 'Text' },
  scale: 'Scale', lowBelow: 'Low score - under', nps: 'NPS question ("would you recommend us")', options: 'Options (one a line)', required: 'Required',
  preview: 'Preview', callRoute: 'Call route: {{key}}', sendEmail: 'Send to regular clients', roundSent: 'Sent: {{n}}, left out (unsubscribed): {{s}}',
  period: 'Period', from: 'From', to: 'To', channel: 'Channel', channels: { all: 'All', phone: 'Phone', email: 'E-mail' },
  total: 'Answer sets: {{n}} ({{phone}} by phone, {{email}} by e-mail), with a low score: {{low}}',
  average: 'Average: {{v}}', lowShare: 'Low: {{v}}', npsValue: 'NPS: {{v}}', answered: 'Answered: {{n}}',
  value: 'Value', count: 'Answers', share: 'Share', option: 'Option', noText: 'No text answers', client: 'Client', answeredAt: 'When',
  lowAnswers: 'Low scores', complaintOpened: 'complaint {{number}} opened', notForYou: 'Quality and marketing run surveys; management reads the results.',
  yes: 'Yes', no: 'No',
  public: {
    title: 'A survey by "Лидер"', submit: 'Send answers', thanks: 'Thank you! We received your answers.', already: 'We had received your answers already. Thank you!',
    badLink: 'This link is not valid (it may have expired).', tooMany: 'Too many attempts. Try again later.', fix: 'Please check the marked answers.', requiredMark: 'required',
  },
};
