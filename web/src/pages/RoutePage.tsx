// A route's page: its diagram (a published version or the draft, read-only), the version history,
// and what a designer does next - edit the draft, publish it, start a case, compare versions.
import { Alert, Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../../../domain/routes/route-schema.ts';
import { ApiError } from '../api.ts';
import { useFormat } from '../format.ts';
import { CaseDiagram } from '../graph/CaseDiagram.tsx';
import type { CaseOverlays } from '../graph/case-overlays.ts';
import { drawableDraft } from '../routes-ui/drawable.ts';
import { DesignersOnly } from '../routes-ui/DesignersOnly.tsx';
import { DraftBadge } from '../routes-ui/DraftBadge.tsx';
import { PublishDraft } from '../routes-ui/PublishDraft.tsx';
import { useRouteDetail, useVersion } from '../routes-ui/queries.ts';
import { usePeople } from '../people.ts';

const NO_OVERLAYS: CaseOverlays = {};

function Route() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const people = usePeople();
  const [params, setParams] = useSearchParams();
  const route = useRouteDetail(id);
  const latest = route.data?.latestVersion ?? 0;
  const shown = params.get('show') === 'draft' || latest === 0 ? 'draft' : Math.min(Math.max(Number(params.get('show')) || latest, 1), latest);
  const version = useVersion(id, typeof shown === 'number' ? shown : undefined);

  if (route.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!route.data) return <Alert color="red" role="alert">{route.error instanceof ApiError && route.error.status === 404 ? t('routes.notFound') : t('common.error', { message: route.error?.message ?? '' })}</Alert>;
  const r = route.data;
  const draft = drawableDraft(r.draft);
  const definition = shown === 'draft' ? draft : (version.data?.definition as RouteGraph | RouteDefinition | undefined);
  const who = (pid: string) => people.get(pid) ?? t('common.unknown');

  return (
    <Stack maw={1200} mx="auto">
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={2}>{r.name}</Title>
          <Group gap="xs">
            <Text c="dimmed" size="sm" ff="monospace">{t('routes.page.key', { key: r.key })}</Text>
            {latest > 0 && <Badge variant="light" color="indigo" tt="none">v{latest}</Badge>}
            <DraftBadge route={r} latestPublishedAt={r.versions[0]?.publishedAt} />
          </Group>
        </Stack>
        <Group gap="xs">
          <Button component={Link} to={`/routes/${r.id}/edit`} variant="default">{t('routes.page.edit')}</Button>
          <PublishDraft route={r} />
          {latest > 0 && <Button component={Link} to={`/start?route=${r.id}`} variant="light">{t('routes.page.start')}</Button>}
          {latest > 1 && <Button component={Link} to={`/routes/${r.id}/diff?from=${latest - 1}&to=${latest}`} variant="default" data-testid="compare">{t('routes.page.compare')}</Button>}
        </Group>
      </Group>

      <Card withBorder component="section" aria-label={t('routes.page.show')} padding="sm">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">{t('routes.page.show')}</Title>
          <SegmentedControl
            aria-label={t('routes.page.show')}
            value={String(shown)}
            onChange={(v) => setParams(v === String(latest) ? {} : { show: v }, { replace: true })}
            data={[
              ...r.versions.slice(0, 3).map((v) => ({ value: String(v.version), label: t('routes.page.showVersion', { version: v.version }) })),
              ...(typeof shown === 'number' && !r.versions.slice(0, 3).some((v) => v.version === shown) ? [{ value: String(shown), label: t('routes.page.showVersion', { version: shown }) }] : []),
              { value: 'draft', label: t('routes.page.showDraft', { revision: r.draftRevision }) },
            ]}
          />
        </Group>
        {shown === 'draft' && !draft ? <Alert color="orange">{t('routes.page.draftUnreadable')}</Alert>
          : definition ? <CaseDiagram key={String(shown)} definition={definition} overlays={NO_OVERLAYS} height={480} />
          : <Loader role="status" aria-label={t('common.loading')} />}
      </Card>

      <Card withBorder component="section" aria-label={t('routes.page.history')}>
        <Title order={3} size="h5" mb="xs">{t('routes.page.history')}</Title>
        {r.versions.length === 0 ? <Text c="dimmed">{t('routes.page.noVersions')}</Text> : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('routes.page.colVersion')}</Table.Th>
                  <Table.Th>{t('routes.page.colWhen')}</Table.Th>
                  <Table.Th>{t('routes.page.colWho')}</Table.Th>
                  <Table.Th>{t('routes.page.colActions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.versions.map((v) => (
                  <Table.Tr key={v.id} data-testid="version-row" data-version={v.version}>
                    <Table.Td><Text fw={600} span>v{v.version}</Text>{v.version === latest && <Text span c="dimmed" size="sm"> · {t('routes.page.latest')}</Text>}</Table.Td>
                    <Table.Td>{fmt.dateTime(v.publishedAt)}</Table.Td>
                    <Table.Td>{who(v.publishedBy)}</Table.Td>
                    <Table.Td>
                      <Group gap="md">
                        <Anchor component={Link} to={`/routes/${r.id}?show=${v.version}`} size="sm">{t('routes.page.viewVersion', { version: v.version })}</Anchor>
                        {v.version > 1 && <Anchor component={Link} to={`/routes/${r.id}/diff?from=${v.version - 1}&to=${v.version}`} size="sm">{t('routes.page.diffPrev', { version: v.version })}</Anchor>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}

export function RoutePage() {
  return <DesignersOnly><Route /></DesignersOnly>;
}
