// The routes a designer works on: each with its latest version, who published it and when, and
// whether the draft was changed since; a search; "New route" opens the editor of a new route.
import { Anchor, Badge, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../format.ts';
import { usePeople } from '../people.ts';
import { DesignersOnly } from '../routes-ui/DesignersOnly.tsx';
import { DraftBadge } from '../routes-ui/DraftBadge.tsx';
import { NewRouteModal } from '../routes-ui/NewRouteModal.tsx';
import { useRouteList } from '../routes-ui/queries.ts';

function RouteList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const people = usePeople();
  const [params, setParams] = useSearchParams();
  const [creating, { open, close }] = useDisclosure(false);
  const routes = useRouteList();
  const q = params.get('q') ?? '';
  const items = (routes.data?.items ?? []).filter((r) => !q.trim() || `${r.name} ${r.key}`.toLocaleLowerCase().includes(q.trim().toLocaleLowerCase()));
  const who = (id: string | undefined) => (id ? (people.get(id) ?? t('common.unknown')) : '');

  return (
    <Stack maw={1100} mx="auto">
      <Group justify="space-between">
        <Title order={2}>{t('routes.title')}</Title>
        <Button onClick={open} data-testid="new-route">{t('routes.create.open')}</Button>
      </Group>
      <Group justify="space-between">
        <TextInput
          aria-label={t('routes.search')}
          placeholder={t('routes.search')}
          value={q}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setParams(v ? { q: v } : {}, { replace: true });
          }}
          w={{ base: '100%', sm: 360 }}
          type="search"
        />
        {routes.data && <Text c="dimmed" size="sm">{t('routes.count', { count: items.length })}</Text>}
      </Group>
      {routes.isPending ? <Loader role="status" aria-label={t('common.loading')} /> : items.length === 0 ? (
        <Text c="dimmed">{q ? t('routes.emptyFiltered') : t('routes.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('routes.col.name')}</Table.Th>
                <Table.Th>{t('routes.col.version')}</Table.Th>
                <Table.Th>{t('routes.col.published')}</Table.Th>
                <Table.Th>{t('routes.col.draft')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => {
                return (
                  <Table.Tr key={r.id} data-testid="route-row" data-route-key={r.key}>
                    <Table.Td>
                      <Anchor component={Link} to={`/routes/${r.id}`} fw={600}>{r.name}</Anchor>
                      <Text size="xs" c="dimmed" ff="monospace">{r.key}</Text>
                    </Table.Td>
                    <Table.Td>{r.latestVersion > 0 ? <Badge variant="light" color="indigo" tt="none">v{r.latestVersion}</Badge> : <Text size="sm" c="dimmed">{t('routes.notPublished')}</Text>}</Table.Td>
                    <Table.Td><Text size="sm">{r.latestPublishedAt ? t('routes.publishedBy', { when: fmt.dateTime(r.latestPublishedAt), who: who(r.latestPublishedBy ?? undefined) }) : '—'}</Text></Table.Td>
                    <Table.Td>
                      <DraftBadge route={r} latestPublishedAt={r.latestPublishedAt ?? undefined} />
                      <Text size="xs" c="dimmed">{t('routes.draftEdited', { when: fmt.dateTime(r.draftUpdatedAt), who: who(r.draftUpdatedBy) })}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewRouteModal opened={creating} onClose={close} />
    </Stack>
  );
}

export function RoutesPage() {
  return <DesignersOnly><RouteList /></DesignersOnly>;
}
