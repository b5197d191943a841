// /surveys: the questionnaires with their state and number of answers; quality and marketing
// create one here (management reads the results).
import { Alert, Anchor, Badge, Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';

export function SurveysPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['questionnaires'], queryFn: () => unwrap(client.api.surveys.questionnaires.$get()) });
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(client.api.surveys.questionnaires.$post({ json: { key, name, intro: '', questions: [] } })),
    onSuccess: (q) => { void qc.invalidateQueries({ queryKey: ['questionnaires'] }); void navigate(`/surveys/${q.id}`); },
  });
  if (list.error instanceof ApiError && list.error.status === 403) return <Alert color="yellow">{t('surveys.notForYou')}</Alert>;
  const fieldError = (path: string) => (create.error instanceof ApiError ? create.error.problems.find((p) => p.path === path)?.message : undefined);
  return (
    <Stack>
      <Title order={2}>{t('surveys.title')}</Title>
      <Table striped highlightOnHover aria-label={t('surveys.title')} data-testid="questionnaires">
        <Table.Thead><Table.Tr><Table.Th>{t('surveys.name')}</Table.Th><Table.Th>{t('surveys.status')}</Table.Th><Table.Th>{t('surveys.questions')}</Table.Th><Table.Th>{t('surveys.answerSets')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td><Anchor component={Link} to={`/surveys/${q.id}`}>{q.name}</Anchor></Table.Td>
              <Table.Td>
                <Badge variant="light" color={q.status === 'published' ? 'green' : 'gray'}>{t(`surveys.statuses.${q.status}`)}</Badge>
                {q.publishedVersion > 0 && <> {t('surveys.version', { n: q.publishedVersion })}{q.dirty ? `, ${t('surveys.changed')}` : ''}</>}
              </Table.Td>
              <Table.Td>{q.questionCount}</Table.Td>
              <Table.Td>{q.answerSets}</Table.Td>
              <Table.Td><Anchor component={Link} to={`/surveys/${q.id}/results`}>{t('surveys.results')}</Anchor></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Group align="flex-end">
          <TextInput label={t('surveys.key')} value={key} onChange={(e) => setKey(e.currentTarget.value)} error={fieldError('key')} />
          <TextInput label={t('surveys.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError('name')} />
          <Button type="submit" loading={create.isPending}>{t('surveys.create')}</Button>
        </Group>
        {create.error && !(create.error instanceof ApiError && create.error.problems.length) && <Alert color="red" mt="sm">{create.error.message}</Alert>}
      </form>
    </Stack>
  );
}
