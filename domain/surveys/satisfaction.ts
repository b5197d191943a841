// The reference company's satisfaction questionnaire, seeded with the shipped routes: the one the
// monthly phone round asks new clients and the e-mail round regular ones.
import type { QuestionnaireDraft } from './save-questionnaire.ts';

export const SATISFACTION: QuestionnaireDraft = {
  key: 'satisfaction',
  name: 'Удовлетворённость клиентов',
  intro: 'Компания «Лидер» благодарит вас за покупку. Ответьте, пожалуйста, на несколько вопросов - это займёт пару минут и поможет нам работать лучше.',
  questions: [
    { id: 'equipment', type: 'score', text: 'Насколько вы довольны оборудованием?', scale: '1-5', lowBelow: 3, required: true },
    { id: 'installation', type: 'score', text: 'Насколько вы довольны монтажом?', scale: '1-5', lowBelow: 3, required: true },
    { id: 'service', type: 'score', text: 'Насколько вы довольны сервисным обслуживанием?', scale: '1-5', lowBelow: 3, required: false },
    { id: 'recommend', type: 'score', text: 'Насколько вероятно, что вы порекомендуете нас знакомым?', scale: '0-10', nps: true, required: true },
    { id: 'improve', type: 'text', text: 'Что нам стоит улучшить?', required: false },
  ],
};
