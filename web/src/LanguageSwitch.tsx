// One button that switches to the other language (remembered in localStorage).
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLang } from './i18n.ts';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Button variant="default" size="compact-sm" onClick={() => setLang(en ? 'ru' : 'en')} lang={en ? 'ru' : 'en'} aria-label={en ? 'RU — русский язык' : 'EN — English'} data-testid="language">
      {en ? 'RU' : 'EN'}
    </Button>
  );
}
