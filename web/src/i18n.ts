// Russian by default, English as a switch remembered in localStorage. Russian plurals use the
// _one/_few/_many keys i18next picks with Intl.PluralRules.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { calendarEn, calendarRu } from './calendar/locales.ts';
import { clientsEn, clientsRu } from './clients/locales.ts';
import { invoicesEn, invoicesRu } from './invoices/locales.ts';
import { dealsEn, dealsRu } from './deals/locales.ts';
import { complaintsEn, complaintsRu } from './complaints/locales.ts';
import { marketingEn, marketingRu } from './marketing/locales.ts';
import { mailingEn, mailingRu } from './mailing/locales.ts';
import { designerEn, designerRu } from './designer/locales.ts';
import { en } from './locales/en.ts';
import { ru } from './locales/ru.ts';
import { graphEn, graphRu } from './graph/locales.ts';
import { routesEn, routesRu } from './routes-ui/locales.ts';
import { transferEn, transferRu } from './transfer/locales.ts';
import { serviceEn, serviceRu } from './service/locales.ts';
import { portalEn, portalRu } from './portal/locales.ts';
import { reportsEn, reportsRu } from './reports/locales.ts';
import { surveysEn, surveysRu } from './surveys/locales.ts';

export type Lang = 'ru' | 'en';
const STORAGE_KEY = 'crm.lang';

export function storedLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ru';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function localeOf(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'ru-RU';
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: { ...ru, graph: graphRu, routes: routesRu, designer: designerRu, clients: clientsRu, invoices: invoicesRu, transfer: transferRu, service: serviceRu, deals: dealsRu, complaints: complaintsRu, calendar: calendarRu, portal: portalRu, reports: reportsRu, surveys: surveysRu, marketing: marketingRu, mailing: mailingRu } }, en: { translation: { ...en, graph: graphEn, routes: routesEn, designer: designerEn, clients: clientsEn, invoices: invoicesEn, transfer: transferEn, service: serviceEn, deals: dealsEn, complaints: complaintsEn, calendar: calendarEn, portal: portalEn, reports: reportsEn, surveys: surveysEn, marketing: marketingEn, mailing: mailingEn } } },
  lng: storedLang(),
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = storedLang();

export default i18n;
