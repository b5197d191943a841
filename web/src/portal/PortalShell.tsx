// The portal's frame: no sign-in, no app navigation; the title and the language switch only.
import { Container, Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../LanguageSwitch.tsx';

export function PortalShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl" component="main">
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">{t('portal.title')}</Title>
        <LanguageSwitch />
      </Group>
      <Paper withBorder shadow="xs" p="lg">{children}</Paper>
    </Container>
  );
}
