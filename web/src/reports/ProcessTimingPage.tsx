// /reports/processes and /reports/processes/:routeKey - process timing in working time: the route
// diagram with a heatmap per node (median or p90 against the node's due time, over it in red with
// target/actual/% over), a version picker and a comparison, the node, person and path-variant
// tables, and a red node's breaching cases one click away.
import { Anchor, Badge, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../../../domain/routes/route-schema.ts';
import { client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useRouteVersion } from '../caseData.ts';
import { CaseDiagram } from '../graph/CaseDiagram.tsx';
import { isManager } from '../Layout.tsx';
import { targetMs } from './duration.ts';
import { FilterBar, useReportFilters } from './FilterBar.tsx';
import { heatOf } from './heat.ts';
import { NotForYou, ReportTable, Section, SectionsProgress } from './kit.tsx';
import type { Breaches, ProcessTiming, TimingNode } from './types.ts';
import { useReport } from './useReport.ts';
import { useReportFormat } from './useReportFormat.ts';

function useRouteList() {
  return useQuery({ queryKey: ['routes'], queryFn: () => unwrap(client.api.routes.$get()), staleTime: 60_000 });
}

export function ProcessTimingPage() {
  const me = useMe();
  const { routeKey } = useParams();
  if (me.data && !isManager(me.data.roles)) return <NotForYou />;
  return routeKey ? <RouteTiming routeKey={routeKey} /> : <RoutePicker />;
}

function RoutePicker() {
  const { t } = useTranslation();
  const routes = useRouteList();
  const published = (routes.data?.items ?? []).filter((r) => r.latestVersion > 0);
  return (
    <Stack>
      <Title order={2}>{t('reports.timing.routesTitle')}</Title>
      <Text c="dimmed">{t('reports.timing.routesHint')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {published.map((r) => (
          <Card key={r.id} withBorder component={Link} to={`/reports/processes/${r.key}`}>
            <Text fw={600}>{r.name}</Text>
            <Text size="sm" c="dimmed">{r.key} · {t('reports.timing.version')} {r.latestVersion}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function RouteTiming({ routeKey }: { routeKey: string }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const navigate = useNavigate();
  const [filters, set] = useReportFilters();
  const [params, setParams] = useSearchParams();
  const [measure, setMeasure] = useState<'median' | 'p90'>('median');
  const [picked, setPicked] = useState<string | null>(null);
  const routes = useRouteList();
  const route = routes.data?.items.find((r) => r.key === routeKey);
  const detail = useQuery({ queryKey: ['route', route?.id], queryFn: () => unwrap(client.api.routes[':id'].$get({ param: { id: route!.id } })), enabled: Boolean(route) });
  const versions = (detail.data?.versions ?? []).map((v) => v.version).sort((a, b) => b - a);
  const version = params.get('version') ?? undefined;
  const compareVersion = params.get('compare') ?? undefined;
  const query = { routeKey, version, compareVersion, from: filters.from, to: filters.to, departmentId: filters.departmentId, employeeId: filters.employeeId };
  const timing = useReport<ProcessTiming>('/api/reports/process-timing', query);
  const shown = timing.data?.route.version;
  const def = useRouteVersion(route?.id, shown);
  const definition = def.data?.definition as RouteGraph | RouteDefinition | undefined;
  const breaches = useReport<Breaches>('/api/reports/process-timing/breaches', { routeKey, version: shown, nodeId: picked, from: filters.from, to: filters.to, departmentId: filters.departmentId, employeeId: filters.employeeId, limit: 100 }, Boolean(picked && shown));
  const period = { from: filters.from, to: filters.to };
  const setParam = (k: string, v: string | null) => setParams((p) => { const n = new URLSearchParams(p); if (v) n.set(k, v); else n.delete(k); return n; }, { replace: true });

  const nodes = timing.data?.nodes ?? [];
  const nodeName = useMemo(() => new Map(nodes.map((n) => [n.nodeId, n.name])), [nodes]);
  const heat = useMemo(() => {
    const valueOf = (n: TimingNode) => (measure === 'median' ? n.medianMs : n.p90Ms);
    const max = Math.max(0, ...nodes.map((n) => valueOf(n) ?? 0));
    const out: Parameters<typeof CaseDiagram>[0]['heat'] = {};
    for (const n of nodes) {
      const value = valueOf(n);
      const target = targetMs(n.target);
      const h = heatOf(value, target, max);
      if (!h || value === null) continue;
      const actual = `${t(`reports.timing.${measure}`)} ${f.dur(value)}`;
      const text = target === null ? actual : h.over
        ? t('reports.timing.over', { actual, target: f.dur(target), pct: Math.round(((h.ratio ?? 1) - 1) * 100) })
        : t('reports.timing.within', { actual, target: f.dur(target) });
      out[n.nodeId] = { background: h.background, border: h.border, over: h.over, notes: [{ text, tone: h.over ? 'alert' : 'plain' }, { text: `${t('reports.timing.cases')}: ${n.cases} · ${t('reports.timing.overDueShare')}: ${f.pct(n.overDueShare)}`, tone: 'plain' }] };
    }
    return out;
  }, [nodes, measure, f, t]);

  if (routes.data && !route) return <Text c="red">{t('reports.timing.notFound')}</Text>;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('reports.timing.title')}: {route?.name ?? routeKey}</Title>
        <Group gap="sm" align="flex-end">
          <Select label={t('reports.timing.pickRoute')} w={220} data={(routes.data?.items ?? []).filter((r) => r.latestVersion > 0).map((r) => ({ value: r.key, label: r.name }))}
            value={routeKey} onChange={(v) => { if (v) { setPicked(null); void navigate(`/reports/processes/${v}`); } }} allowDeselect={false} />
          <Select label={t('reports.timing.version')} w={110} data={versions.map(String)} value={version ?? (shown ? String(shown) : null)} onChange={(v) => setParam('version', v)} allowDeselect={false} data-testid="version" />
          <Select label={t('reports.timing.compare')} w={170} clearable placeholder={t('reports.timing.none')} data={versions.filter((v) => v !== shown).map(String)} value={compareVersion ?? null} onChange={(v) => setParam('compare', v)} data-testid="compare" />
        </Group>
      </Group>
      <FilterBar filters={filters} set={set} />
      <SectionsProgress queries={[timing, def]} />
      <Section title={t('reports.timing.diagram')} query={timing} testId="timing-diagram"
        actions={<SegmentedControl size="xs" value={measure} onChange={(v) => setMeasure(v === 'p90' ? 'p90' : 'median')} data={[{ value: 'median', label: t('reports.timing.median') }, { value: 'p90', label: t('reports.timing.p90') }]} aria-label={t('reports.timing.measure')} />}>
        {() => (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">{t('reports.timing.legend')} {t('reports.timing.breachesHint')}</Text>
            {definition && <CaseDiagram definition={definition} overlays={{}} heat={heat} height={520} fitWhole onNodeClick={(id) => setPicked(id)} />}
          </Stack>
        )}
      </Section>
      {picked && (
        <Section title={t('reports.timing.breaches', { node: nodeName.get(picked) ?? picked })} query={breaches} testId="breaches">
          {(b) => (
            <ReportTable name={`breaches-${routeKey}-${picked}`} caption={t('reports.timing.breaches', { node: nodeName.get(picked) ?? picked })} period={period} rows={b.items} rowKey={(r) => r.assignmentId}
              columns={[
                { label: t('reports.timing.subject'), value: (r) => r.subject, render: (r) => <Anchor component={Link} to={`/cases/${r.processId}`}>{r.subject || r.processId.slice(0, 8)}</Anchor> },
                { label: t('reports.director.who'), value: (r) => r.employee?.fullName ?? '' },
                { label: t('reports.timing.opened'), value: (r) => r.openedAt, render: (r) => f.dateTime(r.openedAt) },
                { label: t('reports.director.due'), value: (r) => r.dueAt, render: (r) => f.dateTime(r.dueAt) },
                { label: t('reports.timing.closed'), value: (r) => r.closedAt, render: (r) => (r.closedAt ? f.dateTime(r.closedAt) : <Badge color="red" size="sm">{t('reports.timing.stillOpen')}</Badge>) },
                { label: t('reports.timing.worked'), value: (r) => r.workingMs / 3_600_000, render: (r) => f.dur(r.workingMs), numeric: true },
                { label: t('reports.timing.overBy'), value: (r) => r.overByMs / 3_600_000, render: (r) => <Text size="sm" c="red.9">{f.dur(r.overByMs)}</Text>, numeric: true },
              ]} />
          )}
        </Section>
      )}
      <Section title={t('reports.timing.nodes')} query={timing} testId="timing-nodes">
        {(d) => (
          <ReportTable name={`timing-${routeKey}-v${d.route.version}`} caption={t('reports.timing.nodes')} period={period} rows={d.nodes} rowKey={(r) => r.nodeId}
            columns={[
              { label: t('reports.timing.node'), value: (r) => r.name, render: (r) => <Anchor component="button" type="button" ta="left" onClick={() => setPicked(r.nodeId)}>{r.name}</Anchor> },
              { label: t('reports.timing.cases'), value: (r) => r.cases, numeric: true },
              { label: t('reports.timing.steps'), value: (r) => r.steps, numeric: true },
              { label: t('reports.timing.median'), value: (r) => hours(r.medianMs), render: (r) => f.dur(r.medianMs), numeric: true },
              { label: t('reports.timing.p90'), value: (r) => hours(r.p90Ms), render: (r) => f.dur(r.p90Ms), numeric: true },
              { label: t('reports.timing.queue'), value: (r) => hours(r.queueMedianMs), render: (r) => f.dur(r.queueMedianMs), numeric: true },
              { label: t('reports.timing.assigned'), value: (r) => hours(r.assignedMedianMs), render: (r) => f.dur(r.assignedMedianMs), numeric: true },
              { label: t('reports.timing.target'), value: (r) => r.target, render: (r) => (r.target ? f.dur(targetMs(r.target)) : '—') },
              { label: t('reports.timing.overDueShare'), value: (r) => r.overDueShare, render: (r) => <Text size="sm" c={(r.overDueShare ?? 0) > 0 ? 'red.9' : undefined}>{f.pct(r.overDueShare)}</Text>, numeric: true },
              { label: t('reports.timing.rework'), value: (r) => r.reworkShare, render: (r) => f.pct(r.reworkShare), numeric: true },
            ]} />
        )}
      </Section>
      {timing.data?.compare && (
        <Card withBorder component="section" data-testid="timing-compare">
          <ReportTable name={`timing-${routeKey}-v${timing.data.route.version}-vs-v${timing.data.compare.version}`} caption={t('reports.timing.compareTitle', { n: timing.data.compare.version })} period={period}
            rows={nodes.map((n) => ({ n, c: timing.data?.compare?.nodes.find((x) => x.nodeId === n.nodeId) }))} rowKey={(r) => r.n.nodeId}
            columns={[
              { label: t('reports.timing.node'), value: (r) => r.n.name },
              { label: `${t('reports.timing.median')} v${timing.data.route.version}`, value: (r) => hours(r.n.medianMs), render: (r) => f.dur(r.n.medianMs), numeric: true },
              { label: `${t('reports.timing.median')} v${timing.data.compare.version}`, value: (r) => hours(r.c?.medianMs ?? null), render: (r) => f.dur(r.c?.medianMs ?? null), numeric: true },
              { label: t('reports.timing.delta'), value: (r) => (r.n.medianMs !== null && r.c?.medianMs != null ? hours(r.n.medianMs - r.c.medianMs) : null), render: (r) => (r.n.medianMs !== null && r.c?.medianMs != null ? f.dur(r.n.medianMs - r.c.medianMs) : '—'), numeric: true },
              { label: `${t('reports.timing.overDueShare')} v${timing.data.compare.version}`, value: (r) => r.c?.overDueShare ?? null, render: (r) => f.pct(r.c?.overDueShare), numeric: true },
            ]} />
        </Card>
      )}
      {/* Side by side only on a wide screen: the per-person table has six columns and would scroll its last ones out of sight in half of a laptop screen. */}
      <SimpleGrid cols={{ base: 1, xl: 2 }}>
        <Section title={t('reports.timing.people')} query={timing} testId="timing-people">
          {(d) => (
            <ReportTable name={`timing-people-${routeKey}`} caption={t('reports.timing.people')} period={period} rows={d.people} rowKey={(r) => `${r.nodeId}-${r.employee.id}`}
              columns={[
                { label: t('reports.timing.node'), value: (r) => nodeName.get(r.nodeId) ?? r.nodeId },
                { label: t('reports.director.who'), value: (r) => r.employee.fullName },
                { label: t('reports.timing.steps'), value: (r) => r.steps, numeric: true },
                { label: t('reports.timing.median'), value: (r) => hours(r.medianMs), render: (r) => f.dur(r.medianMs), numeric: true },
                { label: t('reports.timing.p90'), value: (r) => hours(r.p90Ms), render: (r) => f.dur(r.p90Ms), numeric: true },
                { label: t('reports.timing.overDueShare'), value: (r) => r.overDueShare, render: (r) => f.pct(r.overDueShare), numeric: true },
              ]} />
          )}
        </Section>
        <Section title={t('reports.timing.variants')} query={timing} testId="timing-variants">
          {(d) => (
            <ReportTable name={`timing-variants-${routeKey}`} caption={t('reports.timing.variants')} period={period} rows={d.variants} rowKey={(r) => r.path.join('>')}
              columns={[
                { label: t('reports.timing.path'), value: (r) => r.path.map((id) => nodeName.get(id) ?? id).join(' → ') },
                { label: t('reports.timing.cases'), value: (r) => r.cases, numeric: true },
                { label: t('reports.timing.share'), value: (r) => r.share, render: (r) => f.pct(r.share), numeric: true },
                { label: t('reports.timing.time'), value: (r) => hours(r.medianMs), render: (r) => f.dur(r.medianMs), numeric: true },
              ]} />
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

/** Working hours for a spreadsheet (a number it can sum), from working milliseconds. */
function hours(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100;
}
