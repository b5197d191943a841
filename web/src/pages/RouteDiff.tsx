// /routes/:id/diff?from=N&to=M: two published versions side by side in one picture (the newer
// one's layout; added nodes green, removed red and ghosted, changed amber) and the list of the
// changes the server found. The two versions are picked here and kept in the address bar.
import { Alert, Anchor, Card, Grid, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../../../domain/routes/route-schema.ts';
import { ApiError } from '../api.ts';
import { DIFF_STYLE, DiffDiagram } from '../graph/DiffDiagram.tsx';
import { mergeVersions, type DiffStatus } from '../graph/version-diff.ts';
import { ChangeList, useFieldLabel } from '../routes-ui/ChangeList.tsx';
import { DesignersOnly } from '../routes-ui/DesignersOnly.tsx';
import { useRouteDetail, useVersion, useVersionDiff } from '../routes-ui/queries.ts';

type Definition = RouteGraph | RouteDefinition;

function Diff() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<string | undefined>();
  const route = useRouteDetail(id);
  const latest = route.data?.latestVersion ?? 0;
  const to = Number(params.get('to')) || latest;
  const from = Number(params.get('from')) || to - 1;
  const older = useVersion(id, from >= 1 ? from : undefined);
  const newer = useVersion(id, to >= 1 ? to : undefined);
  const diff = useVersionDiff(id, from, to);

  const statusLabels = useMemo(
    (): Record<DiffStatus, string> => ({ added: t('routes.diff.status.added'), removed: t('routes.diff.status.removed'), changed: t('routes.diff.status.changed'), unchanged: t('routes.diff.status.unchanged') }),
    [t],
  );
  const graph = useMemo(
    () => (older.data && newer.data && diff.data ? mergeVersions(older.data.definition as Definition, newer.data.definition as Definition, diff.data.changes) : undefined),
    [older.data, newer.data, diff.data],
  );

  if (route.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!route.data) return <Alert color="red" role="alert">{route.error instanceof ApiError && route.error.status === 404 ? t('routes.notFound') : t('common.error', { message: route.error?.message ?? '' })}</Alert>;
  const r = route.data;
  const versions = r.versions.map((v) => ({ value: String(v.version), label: t('routes.diff.version', { version: v.version }) }));
  const pick = (which: 'from' | 'to', v: string | null) => {
    if (!v) return;
    setSelected(undefined);
    setParams({ from: which === 'from' ? v : String(from), to: which === 'to' ? v : String(to) }, { replace: true });
  };
  const failed = [older.error, newer.error, diff.error].find((e) => e);

  return (
    <Stack maw={1400} mx="auto">
      <Group justify="space-between" align="end">
        <Stack gap={4}>
          <Anchor component={Link} to={`/routes/${r.id}`} size="sm">← {t('routes.diff.back')}</Anchor>
          <Title order={2}>{t('routes.diff.title', { name: r.name })}</Title>
        </Stack>
        {latest >= 2 && (
          <Group gap="sm" align="end">
            <Select label={t('routes.diff.from')} data={versions} value={String(from)} onChange={(v) => pick('from', v)} allowDeselect={false} w={150} data-testid="diff-from" />
            <Text pb={8} aria-hidden="true">→</Text>
            <Select label={t('routes.diff.to')} data={versions} value={String(to)} onChange={(v) => pick('to', v)} allowDeselect={false} w={150} data-testid="diff-to" />
          </Group>
        )}
      </Group>
      {latest < 2 ? <Alert>{t('routes.diff.needTwo')}</Alert>
        : from === to ? <Alert>{t('routes.diff.same')}</Alert>
        : failed ? <Alert color="red" role="alert">{t('common.error', { message: failed.message })}</Alert>
        : !graph ? <Loader role="status" aria-label={t('common.loading')} />
        : (
          <>
            <Group gap="md" aria-label={t('routes.diff.legend')} role="group">
              {(['added', 'removed', 'changed'] as const).map((s) => (
                <Group key={s} gap={6}>
                  <span aria-hidden="true" style={{ display: 'inline-block', width: 16, height: 12, borderRadius: 3, background: DIFF_STYLE[s].background, border: `2px ${s === 'removed' ? 'dashed' : 'solid'} ${DIFF_STYLE[s].border}` }} />
                  <Text size="sm">{statusLabels[s]}</Text>
                </Group>
              ))}
              <Text size="sm" c="dimmed" data-testid="diff-counts">{t('routes.diff.counts', graph.counts)}</Text>
            </Group>
            {diff.data?.changes.length === 0 && <Alert color="green">{t('routes.diff.noChanges')}</Alert>}
            <Grid>
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <Card withBorder padding={0}>
                  <DiffDiagram graph={graph} statusLabels={statusLabels} fieldLabel={fieldLabel} selected={selected} onNodeClick={setSelected} height={620} ariaLabel={t('routes.diff.diagram')} />
                </Card>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <Card withBorder component="section" aria-label={t('routes.diff.list')} mah={620} style={{ overflowY: 'auto' }}>
                  <Title order={3} size="h5" mb="xs">{t('routes.diff.list')}</Title>
                  <Text size="xs" c="dimmed" mb="xs">{t('routes.diff.pickNode')}</Text>
                  <ChangeList graph={graph} selected={selected} onSelect={setSelected} />
                </Card>
              </Grid.Col>
            </Grid>
          </>
        )}
    </Stack>
  );
}

export function RouteDiffPage() {
  return <DesignersOnly><Diff /></DesignersOnly>;
}
