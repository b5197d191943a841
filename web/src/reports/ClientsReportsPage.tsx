// /reports/clients - the client base: ABC (Pareto chart), XYZ with the ABC x XYZ matrix,
// relationship stages with the retention ratio, completeness, marketing by channel / segment /
// region. Each section loads on its own; every table exports.
import { SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth.tsx';
import { isManager } from '../Layout.tsx';
import { Chart } from './Chart.tsx';
import { FilterBar, useReportFilters } from './FilterBar.tsx';
import { NotForYou, ReportTable, Section, SectionsProgress } from './kit.tsx';
import type { AbcReport, CompletenessReport, MarketingReport, StagesReport, XyzReport } from './types.ts';
import { useReport } from './useReport.ts';
import { useReportFormat } from './useReportFormat.ts';
import { VipSection } from './VipSection.tsx';

export function ClientsReportsPage() {
  const me = useMe();
  if (me.data && !isManager(me.data.roles)) return <NotForYou />;
  return <ClientsReports canTag={(me.data?.roles ?? []).some((r) => r === 'management' || r === 'admin')} />;
}

function ClientsReports({ canTag }: { canTag: boolean }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [filters, set] = useReportFilters();
  const [by, setBy] = useState<'channel' | 'segment' | 'region'>('channel');
  const who = { departmentId: filters.departmentId, employeeId: filters.employeeId };
  const period = { from: filters.from, to: filters.to };
  const abc = useReport<AbcReport>('/api/reports/clients/abc', { ...period, ...who });
  const xyz = useReport<XyzReport>('/api/reports/clients/xyz', { ...period, ...who });
  const stages = useReport<StagesReport>('/api/reports/clients/stages', { ...period, ...who });
  const complete = useReport<CompletenessReport>('/api/reports/clients/completeness', who);
  const marketing = useReport<MarketingReport>('/api/reports/marketing', { ...period, ...who, by });
  const stageName = (s: string) => t(`reports.clients.stageNames.${s}`, { defaultValue: s });
  const fieldName = (field: string) => t(`reports.clients.fields.${field}`, { defaultValue: field });
  return (
    <Stack gap="md">
      <Title order={2}>{t('reports.clients.title')}</Title>
      <FilterBar filters={filters} set={set} />
      <SectionsProgress queries={[abc, xyz, stages, complete, marketing]} />
      <Section title={t('reports.clients.abc')} query={abc} testId="abc">
        {(a) => (
          <Stack>
            <Chart label={t('reports.clients.abcChart')} testId="abc-chart" option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0 },
              xAxis: { type: 'category', data: a.items.map((i) => i.client.name), axisLabel: { show: false } },
              yAxis: [{ type: 'value', axisLabel: { formatter: (v: number) => f.rubAxis(v * 100) } }, { type: 'value', max: 1, axisLabel: { formatter: (v: number) => f.pct(v) } }],
              series: [
                { type: 'bar', name: t('reports.clients.revenue'), data: a.items.map((i) => i.value / 100), tooltip: { valueFormatter: (v) => f.rub(Number(v) * 100) } },
                { type: 'line', name: t('reports.clients.cumulative'), yAxisIndex: 1, data: a.items.map((i) => i.cumulativeShare), showSymbol: false, tooltip: { valueFormatter: (v) => f.pct(Number(v)) } },
              ],
            }} />
            <ReportTable name="abc-classes" caption={t('reports.clients.class')} period={period} rows={a.classes} rowKey={(r) => r.class}
              columns={[
                { label: t('reports.clients.class'), value: (r) => r.class },
                { label: t('reports.clients.clients'), value: (r) => r.clients, numeric: true },
                { label: t('reports.clients.value'), value: (r) => f.rubles(r.value), render: (r) => f.rub(r.value), numeric: true },
                { label: t('reports.clients.share'), value: (r) => r.share, render: (r) => f.pct(r.share), numeric: true },
              ]} />
            <ReportTable name="abc" caption={t('reports.clients.abc')} period={period} rows={a.items} rowKey={(r) => r.client.id} maxHeight={300}
              columns={[
                { label: t('reports.clients.client'), value: (r) => r.client.name },
                { label: t('reports.clients.value'), value: (r) => f.rubles(r.value), render: (r) => f.rub(r.value), numeric: true },
                { label: t('reports.clients.share'), value: (r) => r.share, render: (r) => f.pct(r.share), numeric: true },
                { label: t('reports.clients.cumulative'), value: (r) => r.cumulativeShare, render: (r) => f.pct(r.cumulativeShare), numeric: true },
                { label: t('reports.clients.class'), value: (r) => r.class },
              ]} />
            {a.itemsTotal > a.items.length && <Text size="sm" c="dimmed">{t('reports.clients.topOf', { shown: a.items.length, count: a.itemsTotal })}</Text>}
          </Stack>
        )}
      </Section>
      <Section title={t('reports.clients.xyz')} query={xyz} testId="xyz">
        {(x) => (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Chart label={t('reports.clients.matrixChart')} option={{
              tooltip: {},
              xAxis: { type: 'category', data: ['X', 'Y', 'Z'] },
              yAxis: { type: 'category', data: ['C', 'B', 'A'] },
              visualMap: { min: 0, max: Math.max(1, ...x.matrix.map((m) => m.clients)), show: false, inRange: { color: ['#edf2ff', '#364fc7'] } },
              series: [{ type: 'heatmap', name: t('reports.clients.matrix'), data: x.matrix.map((m) => [['X', 'Y', 'Z'].indexOf(m.xyz), ['C', 'B', 'A'].indexOf(m.abc), m.clients]), label: { show: true } }],
            }} />
            <ReportTable name="xyz" caption={t('reports.clients.xyz')} period={period} rows={x.items} rowKey={(r) => r.client.id} maxHeight={300}
              columns={[
                { label: t('reports.clients.client'), value: (r) => r.client.name },
                { label: t('reports.clients.mean'), value: (r) => f.rubles(Math.round(r.mean)), render: (r) => f.rub(Math.round(r.mean)), numeric: true },
                { label: t('reports.clients.cv'), value: (r) => r.cv, render: (r) => f.pct(r.cv), numeric: true },
                { label: 'XYZ', value: (r) => r.class },
                { label: 'ABC', value: (r) => r.abcClass },
              ]} />
            {x.itemsTotal > x.items.length && <Text size="sm" c="dimmed">{t('reports.clients.topOf', { shown: x.items.length, count: x.itemsTotal })}</Text>}
          </SimpleGrid>
        )}
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('reports.clients.stages')} query={stages} testId="stages">
          {(s) => (
            <Stack>
              <Text fw={600}>{t('reports.clients.retention', { value: f.pct(s.retention.ratio) })}</Text>
              <ReportTable name="client-stages" caption={t('reports.clients.stages')} period={period} rows={s.stages} rowKey={(r) => r.stage}
                columns={[
                  { label: t('reports.clients.stage'), value: (r) => stageName(r.stage) },
                  { label: t('reports.clients.stored'), value: (r) => r.recorded, numeric: true },
                  { label: t('reports.clients.computed'), value: (r) => r.computed, numeric: true },
                ]} />
              <ReportTable name="client-stage-mismatches" caption={t('reports.clients.mismatches')} period={period} rows={s.differing} rowKey={(r) => r.client.id} maxHeight={240}
                columns={[
                  { label: t('reports.clients.client'), value: (r) => r.client.name },
                  { label: t('reports.clients.stored'), value: (r) => stageName(r.recorded) },
                  { label: t('reports.clients.computed'), value: (r) => stageName(r.computed) },
                ]} />
            </Stack>
          )}
        </Section>
        <Section title={t('reports.clients.completeness')} query={complete} testId="completeness">
          {(c) => (
            <Stack>
              <Text fw={600}>{f.pct(c.completeness)}</Text>
              <ReportTable name="completeness" caption={t('reports.clients.completeness')} period={{}} rows={c.fields} rowKey={(r) => r.field}
                columns={[
                  { label: t('reports.clients.field'), value: (r) => fieldName(r.field) },
                  { label: t('reports.clients.filled'), value: (r) => r.filled, numeric: true },
                  { label: t('reports.clients.clients'), value: (r) => r.clients, numeric: true },
                  { label: t('reports.clients.share'), value: (r) => r.share, render: (r) => f.pct(r.share), numeric: true },
                ]} />
              <ReportTable name="least-complete" caption={t('reports.clients.least')} period={{}} rows={c.leastComplete} rowKey={(r) => r.client.id} maxHeight={240}
                columns={[
                  { label: t('reports.clients.client'), value: (r) => r.client.name },
                  { label: t('reports.clients.share'), value: (r) => r.completeness, render: (r) => f.pct(r.completeness), numeric: true },
                  { label: t('reports.clients.missing'), value: (r) => r.missing.map(fieldName).join(', ') },
                ]} />
            </Stack>
          )}
        </Section>
      </SimpleGrid>
      <VipSection period={period} who={who} canTag={canTag} />
      <Section title={t('reports.clients.marketing')} query={marketing} testId="marketing"
        actions={<SegmentedControl size="xs" value={by} onChange={(v) => setBy(v === 'segment' || v === 'region' ? v : 'channel')} aria-label={t('reports.clients.by')}
          data={[{ value: 'channel', label: t('reports.clients.channel') }, { value: 'segment', label: t('reports.clients.segment') }, { value: 'region', label: t('reports.clients.region') }]} />}>
        {(m) => (
          <ReportTable name={`marketing-${by}`} caption={t('reports.clients.marketing')} period={period} rows={m.items} rowKey={(r) => r.key ?? '-'}
            columns={[
              { label: t(`reports.clients.${by}`), value: (r) => (by === 'channel' && r.key ? t(`clients.sources.${r.key}`, { defaultValue: r.label ?? r.key }) : (r.label ?? '—')) },
              { label: t('reports.clients.newClients'), value: (r) => r.newClients, numeric: true },
              { label: t('reports.clients.dealsOpened'), value: (r) => r.dealsOpened, numeric: true },
              { label: t('reports.clients.won'), value: (r) => r.dealsWon, numeric: true },
              { label: t('reports.clients.revenue'), value: (r) => f.rubles(r.revenue), render: (r) => f.rub(r.revenue), numeric: true },
              { label: t('reports.clients.conversion'), value: (r) => r.conversion, render: (r) => f.pct(r.conversion), numeric: true },
              { label: t('reports.clients.averageDeal'), value: (r) => f.rubles(r.averageDeal), render: (r) => f.rub(r.averageDeal), numeric: true },
            ]} />
        )}
      </Section>
    </Stack>
  );
}
