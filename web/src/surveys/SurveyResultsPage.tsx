// /surveys/:id/results: a chart per question (scores: the distribution with average, share low
// and NPS; choices: counts), the latest text answers, the low scores with the complaint each
// opened, filtered by period and channel; every table exports to CSV and XLSX.
import { Anchor, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { makeFormatter } from '../format.ts';
import { Chart } from '../reports/Chart.tsx';
import { ReportTable } from '../reports/kit.tsx';

type Channel = 'phone' | 'email';

export function SurveyResultsPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [channel, setChannel] = useState<'all' | Channel>('all');
  const query = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(channel !== 'all' ? { channel } : {}), textLimit: '20' };
  const summary = useQuery({
    queryKey: ['survey-summary', id, query],
    queryFn: () => unwrap(client.api.surveys.questionnaires[':id'].summary.$get({ param: { id }, query })),
  });
  const fmt = useMemo(() => makeFormatter(i18n.language, 'Europe/Moscow'), [i18n.language]);
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10} %`);
  const period = { from: from || undefined, to: to || undefined };
  const s = summary.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('surveys.results')}{s ? `: ${s.questionnaire.name}` : ''}</Title>
        <Anchor component={Link} to={`/surveys/${id}`}>{t('surveys.edit')}</Anchor>
      </Group>
      <Group align="flex-end">
        <TextInput type="date" label={t('surveys.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('surveys.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Select label={t('surveys.channel')} value={channel} allowDeselect={false} onChange={(v) => setChannel((v ?? 'all'))}
          data={(['all', 'phone', 'email'] as const).map((c) => ({ value: c, label: t(`surveys.channels.${c}`) }))} />
      </Group>
      {summary.isError && <Text c="red" role="alert">{summary.error.message}</Text>}
      {s && (
        <>
          <Text data-testid="survey-total">{t('surveys.total', { n: s.answerSets, phone: s.byChannel.phone, email: s.byChannel.email, low: s.lowSets })}</Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {s.questions.map(({ question: q, summary: m }) => (
              <Paper key={q.id} withBorder p="md" data-testid={`result-${q.id}`}>
                <Stack gap="xs">
                  <Text fw={600}>{q.text}</Text>
                  {m.type === 'score' && (
                    <>
                      <Group gap="lg">
                        <Text size="sm">{t('surveys.answered', { n: m.count })}</Text>
                        <Text size="sm">{t('surveys.average', { v: m.average ?? '—' })}</Text>
                        {q.lowBelow !== undefined && <Text size="sm">{t('surveys.lowShare', { v: pct(m.lowShare) })}</Text>}
                        {m.nps && <Text size="sm" fw={600}>{t('surveys.npsValue', { v: m.nps.score })}</Text>}
                      </Group>
                      <Chart label={q.text} height={200} option={{ xAxis: { type: 'category', data: m.distribution.map((d) => String(d.value)) }, yAxis: { type: 'value', minInterval: 1 }, tooltip: {}, series: [{ type: 'bar', data: m.distribution.map((d) => d.count) }] }} />
                      <ReportTable name={`survey-${q.id}`} caption={q.text} period={period} rowKey={(r) => String(r.value)} rows={m.distribution} maxHeight={160}
                        columns={[{ label: t('surveys.value'), value: (r) => r.value }, { label: t('surveys.count'), value: (r) => r.count, numeric: true }]} />
                    </>
                  )}
                  {(m.type === 'single' || m.type === 'multiple' || m.type === 'yesno') && (
                    <>
                      <Text size="sm">{t('surveys.answered', { n: m.count })}</Text>
                      <Chart label={q.text} height={200} option={{ yAxis: { type: 'category', data: m.options.map((o) => o.option) }, xAxis: { type: 'value', minInterval: 1 }, tooltip: {}, series: [{ type: 'bar', data: m.options.map((o) => o.count) }] }} />
                      <ReportTable name={`survey-${q.id}`} caption={q.text} period={period} rowKey={(r) => r.option} rows={m.options} maxHeight={160}
                        columns={[{ label: t('surveys.option'), value: (r) => r.option }, { label: t('surveys.count'), value: (r) => r.count, numeric: true }, { label: t('surveys.share'), value: (r) => r.share, render: (r) => pct(r.share), numeric: true }]} />
                    </>
                  )}
                  {m.type === 'text' && (
                    <ReportTable name={`survey-${q.id}`} caption={t('surveys.answered', { n: m.count })} period={period} rowKey={(_r, i) => String(i)} rows={m.latest} empty={t('surveys.noText')}
                      columns={[{ label: t('surveys.answeredAt'), value: (r) => r.answeredAt, render: (r) => fmt.dateTime(r.answeredAt) }, { label: t('surveys.client'), value: (r) => r.clientName }, { label: t('surveys.text'), value: (r) => r.text }]} />
                  )}
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
          <Paper withBorder p="md">
            <ReportTable name="survey-low" caption={t('surveys.lowAnswers')} period={period} rowKey={(r) => r.answerSetId} rows={s.lowAnswers} testId="low-answers"
              columns={[
                { label: t('surveys.answeredAt'), value: (r) => r.answeredAt, render: (r) => fmt.dateTime(r.answeredAt) },
                { label: t('surveys.client'), value: (r) => r.clientName },
                { label: t('surveys.channel'), value: (r) => t(`surveys.channels.${r.channel}`) },
                { label: t('complaints.nav'), value: (r) => r.complaintNumber ?? '', render: (r) => (r.complaintId ? <Anchor component={Link} to={`/complaints/${r.complaintId}`}>{t('surveys.complaintOpened', { number: r.complaintNumber })}</Anchor> : '—') },
              ]} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
