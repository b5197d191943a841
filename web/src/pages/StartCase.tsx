// Start a case: a published route, its subject and the variables it declares (a form generated
// from the route version's `variables`); the new case then opens.
import { Alert, Button, Card, Loader, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useVariableDefs } from '../caseData.ts';
import { FormFields, cleanValues, useProblemText, type FormValue } from '../fields.tsx';

export function StartCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problem = useProblemText();
  const [params, setParams] = useSearchParams();
  const routes = useQuery({ queryKey: ['routes'], queryFn: () => unwrap(client.api.routes.$get()) });
  const published = (routes.data?.items ?? []).filter((r) => r.latestVersion > 0);
  const routeId = params.get('route') ?? undefined;
  // ?route= takes the route's id or its key (/start?route=installation-handoff from a link).
  const route = published.find((r) => r.id === routeId || r.key === routeId);
  const fields = useVariableDefs(route?.id, route?.latestVersion);
  const [subject, setSubject] = useState('');
  const [values, setValues] = useState<Record<string, FormValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const start = useMutation({
    mutationFn: () => unwrap(client.api.processes.$post({ json: { routeId: route!.id, version: route!.latestVersion, subject, variables: cleanValues(fields, values) } })),
    onMutate: () => setErrors({}),
    onSuccess: async (c) => {
      notifications.show({ message: t('start.started'), color: 'green' });
      await navigate(`/cases/${c.id}`);
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      const vars = err.fieldErrors('variables');
      const subj = err.problems.find((p) => p.path === 'subject');
      setErrors({ ...vars, ...(subj ? { '': subj.message } : {}) });
    },
  });

  if (routes.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  return (
    <Stack maw={640} mx="auto">
      <Title order={2}>{t('start.title')}</Title>
      {published.length === 0 ? <Alert>{t('start.none')}</Alert> : (
        <Card withBorder padding="lg">
          <form onSubmit={(e) => { e.preventDefault(); if (route) start.mutate(); }} noValidate>
            <Stack>
              <Select label={t('start.route')} placeholder={t('start.pick')} required data={published.map((r) => ({ value: r.id, label: r.name }))} value={route?.id ?? null}
                onChange={(v) => { setValues({}); setErrors({}); setParams(v ? { route: v } : {}, { replace: true }); }} allowDeselect={false} searchable />
              {route && (
                <>
                  <TextInput label={t('start.subject')} description={t('start.subjectHint')} required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors[''] ? problem(errors['']) : undefined} name="subject" data-field="subject" />
                  <FormFields fields={fields} values={values} errors={errors} onChange={(id, v) => setValues((s) => ({ ...s, [id]: v }))} />
                  {start.error && !(start.error instanceof ApiError && start.error.problems.length) && <Alert color="red" role="alert">{start.error.message}</Alert>}
                  <Button type="submit" loading={start.isPending}>{t('start.submit')}</Button>
                </>
              )}
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
