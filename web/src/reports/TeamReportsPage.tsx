// /reports/team - a department head's page: his people's contacts done / overdue / planned, plan
// vs fact, activity norms vs fact, stuck deals, steps at risk per person. The API scopes every
// figure to the reader's people; management sees the company (or a department picked in the filter).
import { Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth.tsx';
import { isManager } from '../Layout.tsx';
import { Chart } from './Chart.tsx';
import { AtRiskTable } from './DirectorPage.tsx';
import { FilterBar, useReportFilters } from './FilterBar.tsx';
import { NotForYou, ReportTable, Section, SectionsProgress } from './kit.tsx';
import type { ActivityReport, AtRiskReport, ManagersReport } from './types.ts';
import { useReport } from './useReport.ts';
import { useReportFormat } from './useReportFormat.ts';

export function TeamReportsPage() {
  const me = useMe();
  if (me.data && !isManager(me.data.roles)) return <NotForYou />;
  return <TeamReports />;
}

function TeamReports() {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [filters, set] = useReportFilters();
  const who = { departmentId: filters.departmentId, employeeId: filters.employeeId };
  const period = { from: filters.from, to: filters.to };
  const activity = useReport<ActivityReport>('/api/reports/activity', { ...period, ...who });
  const managers = useReport<ManagersReport>('/api/reports/managers', { ...period, ...who });
  const atRisk = useReport<AtRiskReport>('/api/reports/at-risk', { withinHours: 8, ...who });
  const first = (name: string) => name.split(' ')[0] ?? name;
  return (
    <Stack gap="md">
      <Title order={2}>{t('reports.team.title')}</Title>
      <FilterBar filters={filters} set={set} />
      <SectionsProgress queries={[activity, managers, atRisk]} />
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
              <ReportTable name="team-managers" caption={t('reports.team.stuckDeals')} period={period} rows={m.rows} rowKey={(r) => r.employee.id}
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
