// /reports/team - a department head's page: his people's contacts done / overdue / planned, plan
// vs fact, activity norms vs fact, stuck deals, refusal reasons, the month's new interests and
// proposals with the sales and activity funnels, steps at risk per person. The API scopes every
// figure to the reader's people; management sees the company (or a department picked in the filter).
import { Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth.tsx';
import { isManager } from '../Layout.tsx';
import { Chart } from './Chart.tsx';
import { AtRiskTable, stageLabel } from './DirectorPage.tsx';
import { FilterBar, useReportFilters } from './FilterBar.tsx';
import { NotForYou, ReportTable, Section, SectionsProgress } from './kit.tsx';
import type { ActivityReport, AtRiskReport, ManagersReport, MonthlyReport } from './types.ts';
import { useReport } from './useReport.ts';
import { useReportFormat } from './useReportFormat.ts';

export function TeamReportsPage() {
  const me = useMe();
  if (me.data && !isManager(me.data.roles)) return <NotForYou />;
  return <TeamReports />;
}

function TeamReports() {
  const { t, i18n } = useTranslation();
  const f = useReportFormat();
  const [filters, set] = useReportFilters();
  const who = { departmentId: filters.departmentId, employeeId: filters.employeeId };
  const period = { from: filters.from, to: filters.to };
  const activity = useReport<ActivityReport>('/api/reports/activity', { ...period, ...who });
  const managers = useReport<ManagersReport>('/api/reports/managers', { ...period, ...who });
  const atRisk = useReport<AtRiskReport>('/api/reports/at-risk', { withinHours: 8, ...who });
  // The month the period ends in: the monthly report is per calendar month.
  const month = useReport<MonthlyReport>('/api/reports/monthly', { month: filters.to.slice(0, 7), ...who });
  const first = (name: string) => name.split(' ')[0] ?? name;
  return (
    <Stack gap="md">
      <Title order={2}>{t('reports.team.title')}</Title>
      <FilterBar filters={filters} set={set} />
      <SectionsProgress queries={[activity, managers, month, atRisk]} />
      <Section title={t('reports.team.activity')} query={activity} testId="activity">
        {(a) => (
          <Stack>
            <Chart label={t('reports.team.activityChart')} testId="activity-chart" option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0 },
              xAxis: { type: 'category', data: a.totals.map((r) => first(r.employee.fullName)), axisLabel: { interval: 0 } },
              yAxis: { type: 'value' },
              series: (['done', 'overdue', 'planned'] as const).map((k) => ({ type: 'bar' as const, stack: 'contacts', name: t(`reports.team.${k}`), data: a.totals.map((r) => r[k]) })),
            }} />
            <ReportTable name="activity" caption={t('reports.team.activity')} period={period} rows={a.rows} rowKey={(r) => `${r.employee.id}-${r.kind}`}
              columns={[
                { label: t('reports.director.who'), value: (r) => r.employee.fullName },
                { label: t('reports.team.kind'), value: (r) => t(`reports.team.kinds.${r.kind}`) },
                { label: t('reports.team.done'), value: (r) => r.done, numeric: true },
                { label: t('reports.team.overdue'), value: (r) => r.overdue, numeric: true },
                { label: t('reports.team.planned'), value: (r) => r.planned, numeric: true },
              ]} />
          </Stack>
        )}
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('reports.director.managers')} query={managers} testId="team-plan">
          {(m) => (
            <Stack>
              <Chart label={t('reports.director.managersChart')} option={{
                tooltip: { trigger: 'axis', valueFormatter: (v) => f.rub(Number(v) * 100) }, legend: { top: 0 },
                xAxis: { type: 'category', data: m.rows.map((r) => first(r.employee.fullName)), axisLabel: { interval: 0 } },
                yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.rubAxis(v * 100) } },
                series: [
                  { type: 'bar', name: t('reports.director.planShort'), data: m.rows.map((r) => (r.plan ?? 0) / 100) },
                  { type: 'bar', name: t('reports.director.factShort'), data: m.rows.map((r) => r.revenue / 100) },
                ],
              }} />
              <ReportTable name="team-managers" caption={t('reports.director.managers')} period={period} rows={m.rows} rowKey={(r) => r.employee.id}
                columns={[
                  { label: t('reports.director.manager'), value: (r) => r.employee.fullName },
                  { label: t('reports.director.plan'), value: (r) => f.rubles(r.plan), render: (r) => f.rub(r.plan), numeric: true },
                  { label: t('reports.director.fact'), value: (r) => f.rubles(r.revenue), render: (r) => f.rub(r.revenue), numeric: true },
                  { label: t('reports.director.winRate'), value: (r) => r.winRate, render: (r) => f.pct(r.winRate), numeric: true },
                  { label: t('reports.team.avgDays'), value: (r) => r.avgDurationDays, render: (r) => f.dec(r.avgDurationDays), numeric: true },
                  { label: t('reports.team.stuckCount'), value: (r) => r.stuck, numeric: true },
                ]} />
            </Stack>
          )}
        </Section>
        <Section title={t('reports.team.norms')} query={managers} testId="norms">
          {(m) => (
            <ReportTable name="norms" caption={t('reports.team.norms')} period={period} rows={m.norms} rowKey={(r) => r.kind}
              columns={[
                { label: t('reports.team.kind'), value: (r) => t(`reports.team.kinds.${r.kind}`) },
                { label: t('reports.team.perDay'), value: (r) => r.perDay, render: (r) => f.dec(r.perDay), numeric: true },
                { label: t('reports.team.factPerDay'), value: (r) => r.fact, render: (r) => f.dec(r.fact), numeric: true },
                { label: t('reports.team.share'), value: (r) => r.share, render: (r) => f.pct(r.share), numeric: true },
              ]} />
          )}
        </Section>
      </SimpleGrid>
      <Section title={t('reports.team.month', { month: filters.to.slice(0, 7) })} query={month} testId="month">
        {(m) => (
          <Stack>
            <ReportTable name="monthly" caption={t('reports.team.month', { month: m.month })} period={period} rows={m.rows} rowKey={(r) => r.employee.id}
              columns={[
                { label: t('reports.director.who'), value: (r) => r.employee.fullName },
                { label: t('reports.team.newInterests'), value: (r) => r.newInterests, numeric: true },
                { label: t('reports.team.proposals'), value: (r) => r.proposals, numeric: true },
                { label: t('reports.team.proposalsAmount'), value: (r) => f.rubles(r.proposalsAmount), render: (r) => f.rub(r.proposalsAmount), numeric: true },
                { label: t('reports.director.plan'), value: (r) => f.rubles(r.plan), render: (r) => f.rub(r.plan), numeric: true },
                { label: t('reports.director.fact'), value: (r) => f.rubles(r.fact), render: (r) => f.rub(r.fact), numeric: true },
                { label: t('reports.team.fulfilment'), value: (r) => r.fulfilment, render: (r) => f.pct(r.fulfilment), numeric: true },
              ]} />
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Stack gap="xs">
                <Chart label={t('reports.team.salesFunnel')} testId="sales-funnel" option={{
                  tooltip: { trigger: 'item' },
                  series: [{ type: 'funnel', name: t('reports.team.salesFunnel'), sort: 'none', minSize: '10%', label: { show: true, position: 'inside' },
                    data: m.salesFunnel.map((r) => ({ name: stageLabel(r.stage, i18n.language), value: r.entered })) }],
                }} />
                <ReportTable name="sales-funnel" caption={t('reports.team.salesFunnel')} period={period} rows={m.salesFunnel} rowKey={(r) => r.stage.id}
                  columns={[
                    { label: t('reports.team.stage'), value: (r) => stageLabel(r.stage, i18n.language) },
                    { label: t('reports.team.entered'), value: (r) => r.entered, numeric: true },
                    { label: t('reports.team.wentOn'), value: (r) => r.wentOn, numeric: true },
                    { label: t('reports.team.conversion'), value: (r) => r.conversion, render: (r) => f.pct(r.conversion), numeric: true },
                  ]} />
              </Stack>
              <Stack gap="xs">
                <Chart label={t('reports.team.activityFunnel')} testId="activity-funnel" option={{
                  tooltip: { trigger: 'item' },
                  series: [{ type: 'funnel', name: t('reports.team.activityFunnel'), sort: 'none', minSize: '10%', label: { show: true, position: 'inside' },
                    data: m.activityFunnel.map((r) => ({ name: t(`reports.team.funnelSteps.${r.step}`, { defaultValue: r.step }), value: r.count })) }],
                }} />
                <ReportTable name="activity-funnel" caption={t('reports.team.activityFunnel')} period={period} rows={m.activityFunnel} rowKey={(r) => r.step}
                  columns={[
                    { label: t('reports.team.step'), value: (r) => t(`reports.team.funnelSteps.${r.step}`, { defaultValue: r.step }) },
                    { label: t('reports.director.count'), value: (r) => r.count, numeric: true },
                    { label: t('reports.team.conversion'), value: (r) => r.conversion, render: (r) => f.pct(r.conversion), numeric: true },
                  ]} />
              </Stack>
            </SimpleGrid>
          </Stack>
        )}
      </Section>
      <Section title={t('reports.team.refusals')} query={managers} testId="refusals">
        {(m) => (
          <ReportTable name="refusals" caption={t('reports.team.refusals')} period={period} rows={m.refusals} rowKey={(r) => r.reason}
            columns={[
              { label: t('reports.team.reason'), value: (r) => t(`deals.reasons.${r.reason}`, { defaultValue: r.reason }) },
              { label: t('reports.director.count'), value: (r) => r.count, numeric: true },
              { label: t('reports.director.share'), value: (r) => r.share, render: (r) => f.pct(r.share), numeric: true },
              { label: t('reports.team.atStages'), value: (r) => r.byStage.map((b) => `${stageLabel(b.stage, i18n.language)}: ${b.count}`).join('; ') },
            ]} />
        )}
      </Section>
      <Section title={t('reports.team.atRiskPeople')} query={atRisk} testId="team-at-risk">
        {(r) => (
          <Group align="flex-start" grow>
            <ReportTable name="at-risk-by-person" caption={t('reports.team.atRiskPeople')} period={{}} rows={r.byPerson} rowKey={(x) => x.employee.id}
              columns={[
                { label: t('reports.director.who'), value: (x) => x.employee.fullName },
                { label: t('reports.team.atRiskCol'), value: (x) => x.atRisk, numeric: true },
                { label: t('reports.team.overdue'), value: (x) => x.overdue, numeric: true },
                { label: t('reports.team.stuckCol'), value: (x) => x.stuck, numeric: true },
              ]} />
            <AtRiskTable items={r.items} period={{}} />
          </Group>
        )}
      </Section>
    </Stack>
  );
}
