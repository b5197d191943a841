// /s/:token: the public survey behind a personal link, in the portal's frame (Russian, with the EN
// switch). Everything typed stays when the API refuses an answer: the refusal is shown at the
// question it names. A second submission is told the answers were received already.
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { PortalShell } from '../portal/PortalShell.tsx';
import { QuestionField, type AnswerValue } from './QuestionField.tsx';

export function SurveyPublicPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const view = useQuery({ queryKey: ['public-survey', token], queryFn: () => unwrap(client.api.survey[':token'].$get({ param: { token } })), retry: false });
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const submit = useMutation({
    mutationFn: () => unwrap(client.api.survey[':token'].answers.$post({ param: { token }, json: { answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== '')) } })),
  });
  if (view.isError) {
    return <PortalShell><Alert color="red" role="alert">{view.error instanceof ApiError && view.error.status === 429 ? t('surveys.public.tooMany') : t('surveys.public.badLink')}</Alert></PortalShell>;
  }
  const s = view.data;
  if (!s) return <PortalShell><Text role="status">…</Text></PortalShell>;
  if (s.answered || submit.data) {
    return <PortalShell><Alert color="green" role="status" data-testid="survey-done">{submit.data?.status === 'received' ? t('surveys.public.thanks') : t('surveys.public.already')}</Alert></PortalShell>;
  }
  const problems = submit.error instanceof ApiError ? submit.error.problems : [];
  const errorOf = (id: string) => problems.find((p) => p.path === `answers.${id}`)?.message;
  return (
    <PortalShell>
      <form onSubmit={(e) => { e.preventDefault(); submit.mutate(); }} noValidate>
        <Stack>
          <Title order={2} size="h3">{s.name}</Title>
          {s.intro && <Text>{s.intro}</Text>}
          {s.questions.map((q) => (
            <QuestionField key={q.id} q={q} value={answers[q.id]} error={errorOf(q.id)} onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))} />
          ))}
          {submit.isError && <Alert color="red" role="alert">{problems.length ? t('surveys.public.fix') : submit.error.message}</Alert>}
          <Button type="submit" loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>{t('surveys.public.submit')}</Button>
        </Stack>
      </form>
    </PortalShell>
  );
}
