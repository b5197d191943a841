// /reports - the commercial director's day: revenue today and month to date, expected sales by
// month, open deals by stage, steps at risk and overdue, complaints, managers' win rate and plan
// vs fact. Each section loads on its own; every table exports to CSV and XLSX.
import { Anchor, Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth.tsx';
import { isManager } from '../Layout.tsx';
import { Chart } from './Chart.tsx';
import { FilterBar, useReportFilters } from './FilterBar.tsx';
import { NotForYou, ReportTable, Section, SectionsProgress } from './kit.tsx';
import type { AtRiskItem, AtRiskReport, ComplaintsReport, DailyReport, ManagersReport } from './types.ts';
import { useReport } from './useReport.ts';
import { useReportFormat } from './useReportFormat.ts';

const AT_RISK_HOURS = 8;

export function Figure({ label, value, testId, tone }: { label: string; value: string; testId?: string; tone?: 'red' }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} size="xl" c={tone === 'red' ? 'red.8' : undefined} data-testid={testId}>{value}</Text>
    </Stack>
  );
}

export function stageLabel(stage: { name: string; nameEn?: string | null } | string, lang: string): string {
  if (typeof stage === 'string') return stage;
  return lang === 'en' && stage.nameEn ? stage.nameEn : stage.name;
}

export function AtRiskTable({ items, period, testId }: { items: AtRiskItem[]; period: { from?: string; to?: string }; testId?: string }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  return (
    <ReportTable
      name="at-risk" caption={t('reports.director.atRisk')} period={period} testId={testId}
      rows={[...items].sort((a, b) => a.workingMsLeft - b.workingMsLeft)} rowKey={(r) => r.assignmentId}
      columns={[
        { label: t('reports.director.case'), value: (r) => r.subject, render: (r) => <Anchor component={Link} to={`/cases/${r.processId}`}>{r.subject || r.processId.slice(0, 8)}</Anchor> },
        { label: t('reports.director.step'), value: (r) => `${r.route.name}: ${r.stepName}` },
        { label: t('reports.director.who'), value: (r) => r.employee?.fullName ?? (r.role ? `${t('reports.director.queue')}: ${r.role.name}` : '') },
        { label: t('reports.director.due'), value: (r) => r.dueAt, render: (r) => f.dateTime(r.dueAt) },
        {
          label: t('reports.director.left'), value: (r) => r.workingMsLeft / 3_600_000, numeric: true,
          render: (r) => (
            <Group gap={4} justify="flex-end" wrap="nowrap">
              {r.stuck && <Badge size="xs" color="grape">{t('reports.director.stuck')}</Badge>}
              <Text size="sm" c={r.workingMsLeft < 0 ? 'red.8' : undefined} fw={r.workingMsLeft < 0 ? 600 : undefined}>
                {r.workingMsLeft < 0 ? t('reports.director.overdueBy', { d: f.dur(-r.workingMsLeft) }) : f.dur(r.workingMsLeft)}
              </Text>
            </Group>
          ),
        },
      ]}
    />
  );
}

export function DirectorPage() {
  const me = useMe();
  if (me.data && !isManager(me.data.roles)) return <NotForYou />;
  return <DirectorReports />;
}

function DirectorReports() {
  const { t, i18n } = useTranslation();
  const f = useReportFormat();
  const [filters, set] = useReportFilters();
  const who = { departmentId: filters.departmentId, employeeId: filters.employeeId };
  const period = { from: filters.from, to: filters.to };
  const daily = useReport<DailyReport>('/api/reports/daily', { date: filters.to, ...who });
  const atRisk = useReport<AtRiskReport>('/api/reports/at-risk', { withinHours: AT_RISK_HOURS, ...who });
  const complaints = useReport<ComplaintsReport>('/api/reports/complaints', { ...period, ...who });
  const managers = useReport<ManagersReport>('/api/reports/managers', { ...period, ...who });
  const lang = i18n.language;
  const monthLabel = (m: string) => (m === 'overdue' ? t('reports.director.overdueBucket') : m === 'unplanned' ? t('reports.director.unplanned') : m);

  return (
    <Stack gap="md">
      <Title order={2}>{t('reports.director.title')}</Title>
      <FilterBar filters={filters} set={set} />
      <SectionsProgress queries={[daily, atRisk, complaints, managers]} />
      <Section title={t('reports.director.revenue')} query={daily} testId="revenue">
        {(d) => (
          <Stack>
            <Group gap="xl">
              <Figure label={`${t('reports.director.today')} (${f.date(d.date)})`} value={f.rub(d.revenue.day)} testId="revenue-day" />
              <Figure label={t('reports.director.monthToDate')} value={f.rub(d.revenue.monthToDate)} testId="revenue-month" />
            </Group>
            <Chart label={t('reports.director.revenueChart')} testId="revenue-chart" option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => f.rub(Number(v) * 100) },
              xAxis: { type: 'category', data: d.revenue.byDay.map((x) => x.date.slice(8, 10)) },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.rubAxis(v * 100) } },
              series: [{ type: 'bar', name: t('reports.director.revenue'), data: d.revenue.byDay.map((x) => x.amount / 100) }],
            }} />
            <ReportTable name="revenue-by-day" caption={t('reports.director.byDay')} period={{ from: `${d.date.slice(0, 8)}01`, to: d.date }} testId="revenue-table"
              rows={d.revenue.byDay.filter((x) => x.amount !== 0)} rowKey={(r) => r.date} maxHeight={240}
              columns={[
                { label: t('reports.director.date'), value: (r) => r.date, render: (r) => f.date(r.date) },
                { label: t('reports.director.amount'), value: (r) => f.rubles(r.amount), render: (r) => f.rub(r.amount), numeric: true },
              ]} />
          </Stack>
        )}
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('reports.director.expected')} query={daily} testId="expected">
          {(d) => (
            <Stack>
              <Group gap="xl">
                <Figure label={t('reports.director.weightedShort')} value={f.rub(d.expected.weighted)} testId="expected-weighted" />
                <Figure label={t('reports.director.totalShort')} value={f.rub(d.expected.total)} />
              </Group>
              <Chart label={t('reports.director.expectedChart')} option={{
                tooltip: { trigger: 'axis', valueFormatter: (v) => f.rub(Number(v) * 100) },
                legend: { top: 0 },
                xAxis: { type: 'category', data: d.expected.byMonth.map((m) => monthLabel(m.month)) },
                yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.rubAxis(v * 100) } },
                series: [
                  { type: 'bar', name: t('reports.director.weightedShort'), data: d.expected.byMonth.map((m) => m.weighted / 100) },
                  { type: 'bar', name: t('reports.director.totalShort'), data: d.expected.byMonth.map((m) => m.total / 100) },
                ],
              }} />
              <ReportTable name="expected-sales" caption={t('reports.director.expected')} period={{ to: d.date }} rows={d.expected.byMonth} rowKey={(r) => r.month} maxHeight={240}
                columns={[
                  { label: t('reports.director.month'), value: (r) => monthLabel(r.month) },
                  { label: t('reports.director.deals'), value: (r) => r.deals, numeric: true },
                  { label: t('reports.director.weighted'), value: (r) => f.rubles(r.weighted), render: (r) => f.rub(r.weighted), numeric: true },
                  { label: t('reports.director.total'), value: (r) => f.rubles(r.total), render: (r) => f.rub(r.total), numeric: true },
                ]} />
            </Stack>
          )}
        </Section>
        <Section title={t('reports.director.stages')} query={daily} testId="stages">
          {(d) => (
            <Stack>
              <Chart label={t('reports.director.stagesChart')} option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                yAxis: { type: 'category', inverse: true, data: d.openByStage.map((s) => stageLabel(s.stage, lang)) },
                xAxis: [{ type: 'value', axisLabel: { show: false } }],
                series: [
                  { type: 'bar', name: t('reports.director.totalShort'), data: d.openByStage.map((s) => s.amount / 100), label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${d.openByStage[p.dataIndex]?.deals ?? 0}` }, tooltip: { valueFormatter: (v) => f.rub(Number(v) * 100) } },
                ],
              }} />
              <ReportTable name="open-deals-by-stage" caption={t('reports.director.stages')} period={{ to: d.date }} rows={d.openByStage} rowKey={(r) => r.stage.id} maxHeight={240}
                columns={[
                  { label: t('reports.director.stage'), value: (r) => stageLabel(r.stage, lang) },
                  { label: t('reports.director.deals'), value: (r) => r.deals, numeric: true },
                  { label: t('reports.director.total'), value: (r) => f.rubles(r.amount), render: (r) => f.rub(r.amount), numeric: true },
                  { label: t('reports.director.weighted'), value: (r) => f.rubles(r.weighted), render: (r) => f.rub(r.weighted), numeric: true },
                ]} />
            </Stack>
          )}
        </Section>
      </SimpleGrid>
      <Section title={t('reports.director.atRisk')} query={atRisk} testId="at-risk">
        {(r) => (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">{t('reports.director.atRiskHint', { hours: AT_RISK_HOURS })}</Text>
            <AtRiskTable items={r.items} period={{}} />
          </Stack>
        )}
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('reports.director.complaints')} query={complaints} testId="complaints">
          {(c) => (
            <Stack>
              <Group gap="xl">
                <Figure label={t('reports.director.openComplaints')} value={f.int(c.open.reduce((s, x) => s + x.count, 0))} />
                <Figure label={t('reports.director.overdueComplaints')} value={f.int(c.open.reduce((s, x) => s + x.overdue, 0))} tone="red" />
                <Figure label={t('reports.director.handling')} value={f.dur(c.handling.medianMs)} />
                <Figure label={t('reports.director.withinSla')} value={c.handling.withinSla === null ? '—' : f.pct(c.handling.withinSla)} />
              </Group>
              <ReportTable name="complaints-by-status" caption={t('reports.director.status')} period={period} rows={c.open} rowKey={(r) => r.status} maxHeight={200}
                columns={[
                  { label: t('reports.director.status'), value: (r) => t(`complaints.statuses.${r.status}`, { defaultValue: r.status }) },
                  { label: t('reports.director.count'), value: (r) => r.count, numeric: true },
                  { label: t('reports.director.overdueComplaints'), value: (r) => r.overdue, numeric: true },
                ]} />
              <ReportTable name="complaint-decisions" caption={t('reports.director.decision')} period={period} rows={c.decisions} rowKey={(r) => r.kind} maxHeight={200}
                columns={[
                  { label: t('reports.director.decision'), value: (r) => t(`complaints.kinds.${r.kind}`, { defaultValue: r.kind }) },
                  { label: t('reports.director.count'), value: (r) => r.count, numeric: true },
                  { label: t('reports.director.share'), value: (r) => f.pct(r.share), numeric: true },
                ]} />
            </Stack>
          )}
        </Section>
        <Section title={t('reports.director.managers')} query={managers} testId="managers">
          {(m) => {
            const rows = m.rows;
            return (
              <Stack>
                <Chart label={t('reports.director.managersChart')} option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v) => f.rub(Number(v) * 100) },
                  legend: { top: 0 },
                  xAxis: { type: 'category', data: rows.map((r) => r.employee.fullName.split(' ')[0] ?? r.employee.fullName), axisLabel: { interval: 0 } },
                  yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.rubAxis(v * 100) } },
                  series: [
                    { type: 'bar', name: t('reports.director.planShort'), data: rows.map((r) => (r.plan ?? 0) / 100) },
                    { type: 'bar', name: t('reports.director.factShort'), data: rows.map((r) => r.revenue / 100) },
                  ],
                }} />
                <ReportTable name="managers" caption={t('reports.director.managers')} period={period} rows={rows} rowKey={(r) => r.employee.id}
                  columns={[
                    { label: t('reports.director.manager'), value: (r) => r.employee.fullName },
                    { label: t('reports.director.won'), value: (r) => r.won, numeric: true },
                    { label: t('reports.director.lost'), value: (r) => r.lost, numeric: true },
                    { label: t('reports.director.winRate'), value: (r) => r.winRate, render: (r) => f.pct(r.winRate), numeric: true },
                    { label: t('reports.director.revenueCol'), value: (r) => f.rubles(r.revenue), render: (r) => f.rub(r.revenue), numeric: true },
                    { label: t('reports.director.plan'), value: (r) => f.rubles(r.plan), render: (r) => f.rub(r.plan), numeric: true },
                    { label: t('reports.director.planShare'), value: (r) => (r.plan ? r.revenue / r.plan : null), render: (r) => f.pct(r.plan ? r.revenue / r.plan : null), numeric: true },
                  ]} />
              </Stack>
            );
          }}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
