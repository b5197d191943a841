// Sign-in: e-mail and password; the API sets the HttpOnly session cookie, then the person goes
// back to the page they wanted (?next=), or to the inbox.
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { LanguageSwitch } from '../LanguageSwitch.tsx';

function safeNext(next: string | null): string {
  // Only a path of this site: never an absolute URL another site could slip in.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', password: '' } });
  const next = safeNext(params.get('next'));
  if (me.data) return <Navigate to={next} replace />;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const res = await unwrap(client.api.auth.login.$post({ json: values }), { quiet401: true });
      queryClient.setQueryData(['me'], res.employee);
      await navigate(next, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('signIn.blocked') : err instanceof ApiError && err.status < 500 ? t('signIn.wrong') : String(err));
    }
  });

  return (
    <Center mih="100vh" p="md" component="main" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">{t('signIn.title')}</Title>
            {params.get('expired') && !error && <Alert color="yellow" role="status">{t('signIn.expired')}</Alert>}
            {error && <Alert color="red" role="alert" data-testid="sign-in-error">{error}</Alert>}
            <TextInput label={t('signIn.email')} type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} name="email" />
            <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} name="password" />
            <Button type="submit" loading={form.submitting}>{t('signIn.submit')}</Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
