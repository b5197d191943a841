// /surveys/:id: the survey editor - questions added, reordered, typed (scale, low threshold, NPS,
// options, required), a live preview as the client sees it, save on the revision read and publish
// as the next frozen version; and sending the published version to regular clients by e-mail.
import { Alert, Anchor, Badge, Button, Checkbox, Grid, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { QuestionField, type SurveyQuestion } from './QuestionField.tsx';

const TYPES = ['score', 'single', 'multiple', 'yesno', 'text'] as const;

function shaped(q: SurveyQuestion): SurveyQuestion {
  // Only what the type takes goes to the API (a score's scale, a choice's options).
  const base = { id: q.id, type: q.type, text: q.text, required: q.required };
  if (q.type === 'score') return { ...base, scale: q.scale ?? '1-5', ...(q.lowBelow !== undefined ? { lowBelow: q.lowBelow } : {}), ...(q.nps ? { nps: true } : {}) };
  if (q.type === 'single' || q.type === 'multiple') return { ...base, options: q.options ?? [] };
  return base;
}

export function SurveyEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const view = useQuery({ queryKey: ['questionnaire', id], queryFn: () => unwrap(client.api.surveys.questionnaires[':id'].$get({ param: { id } })) });
  const [name, setName] = useState('');
  const [intro, setIntro] = useState('');
  const [questions, setQuestions] = useState<SurveyQuestion[]>([]);
  useEffect(() => {
    if (!view.data) return;
    setName(view.data.name);
    setIntro(view.data.intro);
    setQuestions(view.data.questions);
  }, [view.data]);
  const save = useMutation({
    mutationFn: () => unwrap(client.api.surveys.questionnaires[':id'].$put({ param: { id }, json: { revision: view.data!.revision, name, intro, questions: questions.map(shaped) } })),
    onSuccess: (q) => qc.setQueryData(['questionnaire', id], q),
  });
  const publish = useMutation({
    mutationFn: async () => {
      const saved = await unwrap(client.api.surveys.questionnaires[':id'].$put({ param: { id }, json: { revision: view.data!.revision, name, intro, questions: questions.map(shaped) } }));
      return unwrap(client.api.surveys.questionnaires[':id'].publish.$post({ param: { id }, json: { revision: saved.revision } }));
    },
    onSuccess: (q) => qc.setQueryData(['questionnaire', id], q),
  });
  const round = useMutation({ mutationFn: () => unwrap(client.api.surveys.rounds.$post({ json: { questionnaireId: id, channel: 'email', segment: 'regular' } })) });
  const q = view.data;
  if (!q) return view.isError ? <Alert color="red">{view.error.message}</Alert> : <Text role="status">…</Text>;
  const err = save.error ?? publish.error;
  const problemAt = (path: string) => (err instanceof ApiError ? err.problems.filter((p) => p.path.startsWith(path)).map((p) => p.message).join('; ') || undefined : undefined);
  const set = (i: number, change: Partial<SurveyQuestion>) => setQuestions((qs) => qs.map((x, j) => (j === i ? { ...x, ...change } : x)));
  const move = (i: number, by: number) => setQuestions((qs) => { const next = [...qs]; const [x] = next.splice(i, 1); next.splice(i + by, 0, x!); return next; });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{q.name}</Title>
        <Group>
          <Badge variant="light" color={q.status === 'published' ? 'green' : 'gray'}>{t(`surveys.statuses.${q.status}`)}{q.publishedVersion ? ` · ${t('surveys.version', { n: q.publishedVersion })}` : ''}</Badge>
          <Anchor component={Link} to={`/surveys/${id}/results`}>{t('surveys.results')}</Anchor>
        </Group>
      </Group>
      {q.callRoute && <Text size="sm" c="dimmed">{t('surveys.callRoute', { key: q.callRoute })}</Text>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <TextInput label={t('surveys.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problemAt('name')} />
            <Textarea label={t('surveys.intro')} autosize minRows={2} value={intro} onChange={(e) => setIntro(e.currentTarget.value)} />
            {questions.map((x, i) => (
              <Paper key={i} withBorder p="sm" data-testid={`edit-q-${i}`}>
                <Stack gap="xs">
                  <Group justify="space-between">
                    <Text fw={600}>{t('surveys.question', { n: i + 1 })}</Text>
                    <Group gap={4}>
                      <Button size="compact-xs" variant="default" disabled={i === 0} onClick={() => move(i, -1)}>{t('surveys.up')}</Button>
                      <Button size="compact-xs" variant="default" disabled={i === questions.length - 1} onClick={() => move(i, 1)}>{t('surveys.down')}</Button>
                      <Button size="compact-xs" variant="default" color="red" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>{t('surveys.remove')}</Button>
                    </Group>
                  </Group>
                  <TextInput label={t('surveys.text')} value={x.text} onChange={(e) => set(i, { text: e.currentTarget.value })} error={problemAt(`questions[${i}].text`)} />
                  <Group grow>
                    <TextInput label={t('surveys.id')} value={x.id} onChange={(e) => set(i, { id: e.currentTarget.value })} error={problemAt(`questions[${i}].id`)} />
                    <Select label={t('surveys.type')} data={TYPES.map((ty) => ({ value: ty, label: t(`surveys.types.${ty}`) }))} value={x.type} allowDeselect={false}
                      onChange={(v) => set(i, { type: (v ?? 'text') })} />
                  </Group>
                  {x.type === 'score' && (
                    <Group grow>
                      <Select label={t('surveys.scale')} data={['1-5', '0-10']} value={x.scale ?? '1-5'} allowDeselect={false} onChange={(v) => set(i, { scale: (v ?? '1-5') })} error={problemAt(`questions[${i}].scale`)} />
                      <NumberInput label={t('surveys.lowBelow')} value={x.lowBelow ?? ''} min={1} max={10} onChange={(v) => set(i, { lowBelow: typeof v === 'number' ? v : undefined })} error={problemAt(`questions[${i}].lowBelow`)} />
                    </Group>
                  )}
                  {x.type === 'score' && <Checkbox label={t('surveys.nps')} checked={x.nps ?? false} onChange={(e) => set(i, { nps: e.currentTarget.checked })} error={problemAt(`questions[${i}].nps`)} />}
                  {(x.type === 'single' || x.type === 'multiple') && (
                    <Textarea label={t('surveys.options')} autosize minRows={2} value={(x.options ?? []).join('\n')} error={problemAt(`questions[${i}].options`)}
                      onChange={(e) => set(i, { options: e.currentTarget.value.split('\n') })} />
                  )}
                  <Checkbox label={t('surveys.required')} checked={x.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} />
                </Stack>
              </Paper>
            ))}
            <Group>
              <Button variant="default" onClick={() => setQuestions((qs) => [...qs, { id: `q${qs.length + 1}`, type: 'score', scale: '1-5', text: '', required: false }])}>{t('surveys.addQuestion')}</Button>
              <Button onClick={() => save.mutate()} loading={save.isPending}>{t('surveys.save')}</Button>
              <Button color="green" onClick={() => publish.mutate()} loading={publish.isPending}>{t('surveys.publish')}</Button>
              {q.publishedVersion > 0 && <Button variant="light" onClick={() => round.mutate()} loading={round.isPending}>{t('surveys.sendEmail')}</Button>}
            </Group>
            {save.isSuccess && <Text c="green" role="status">{t('surveys.saved')}</Text>}
            {publish.isSuccess && <Text c="green" role="status">{t('surveys.published', { n: publish.data.publishedVersion })}</Text>}
            {round.data && <Text c="green" role="status">{t('surveys.roundSent', { n: round.data.invited, s: round.data.suppressed })}</Text>}
            {(err ?? round.error) && <Alert color="red" role="alert">{(err ?? round.error)!.message}</Alert>}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" aria-label={t('surveys.preview')}>
            <Stack>
              <Title order={3} size="h4">{t('surveys.preview')}: {name}</Title>
              {intro && <Text size="sm">{intro}</Text>}
              {questions.map((x, i) => <QuestionField key={i} q={shaped(x)} value={undefined} onChange={() => undefined} disabled />)}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
