// A campaign: status with start/cancel, its plan (the case of its route: steps, owners and due
// dates are on the case page), the messages (mailing's template editor), the send's progress
// (mailing's SendProgress), recipients, responses with the "record a response" form, and
// effectiveness with CSV/XLSX export.
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../format.ts';
import { SendProgress } from '../mailing/SendProgress.tsx';
import { TemplateEditor } from '../mailing/TemplateEditor.tsx';
import { ReportTable, type Column } from '../reports/kit.tsx';
import { STATUS_COLOR } from './CampaignsPage.tsx';
import { RESPONSE_KINDS, useCampaign, useCampaignAction, useCampaignEffectiveness, useCampaignRecipients, useCampaignResponses, type CampaignView } from './queries.ts';

type Figures = NonNullable<ReturnType<typeof useCampaignEffectiveness>['data']>;
type RegionRow = Figures['byRegion'][number];

function Effectiveness({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const eff = useCampaignEffectiveness(id);
  if (eff.isPending) return <Loader size="sm" />;
  if (eff.isError) return <Text size="sm" c="dimmed">{eff.error.message}</Text>;
  const f = eff.data;
  const money = (k: number | null) => (k === null ? '—' : fmt.rub(k / 100));
  const cards: [string, string][] = [
    [t('marketing.fig.recipients'), String(f.recipients)], [t('marketing.fig.delivered'), String(f.delivered)], [t('marketing.fig.opened'), String(f.opened)],
    [t('marketing.fig.clicked'), String(f.clicked)], [t('marketing.fig.responses'), String(f.responses)], [t('marketing.fig.dealsOpened'), String(f.dealsOpened)],
    [t('marketing.fig.dealsWon'), String(f.dealsWon)], [t('marketing.fig.revenue'), money(f.revenue)], [t('marketing.fig.cost'), money(f.cost)],
    [t('marketing.fig.costPerResponse'), money(f.costPerResponse)], [t('marketing.fig.costPerWonDeal'), money(f.costPerWonDeal)],
  ];
  const columns: Column<RegionRow>[] = [
    { label: t('clients.field.region'), value: (r) => r.key ?? t('marketing.none') },
    { label: t('marketing.fig.recipients'), value: (r) => r.recipients, numeric: true },
    { label: t('marketing.fig.responses'), value: (r) => r.responses, numeric: true },
    { label: t('marketing.fig.dealsOpened'), value: (r) => r.dealsOpened, numeric: true },
    { label: t('marketing.fig.dealsWon'), value: (r) => r.dealsWon, numeric: true },
    { label: t('marketing.fig.revenue'), value: (r) => r.revenue / 100, render: (r) => money(r.revenue), numeric: true },
    { label: t('marketing.fig.costPerResponse'), value: (r) => (r.costPerResponse === null ? null : r.costPerResponse / 100), render: (r) => money(r.costPerResponse), numeric: true },
  ];
  return (
    <Stack data-testid="effectiveness">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {cards.map(([label, value]) => <Card key={label} withBorder padding="xs"><Text size="xs" c="dimmed">{label}</Text><Text fw={600}>{value}</Text></Card>)}
      </SimpleGrid>
      <ReportTable name="campaign-regions" caption={t('marketing.byRegion')} columns={columns} rows={f.byRegion} period={{}} rowKey={(r) => r.key ?? '-'} />
    </Stack>
  );
}

function Responses({ campaign }: { campaign: CampaignView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const responses = useCampaignResponses(campaign.id);
  const recipients = useCampaignRecipients(campaign.id);
  const act = useCampaignAction(campaign.id);
  const [clientId, setClientId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>('call');
  const [note, setNote] = useState('');
  return (
    <Stack>
      {(recipients.data?.total ?? 0) > 0 && (
        <Group align="end">
          <Select label={t('marketing.responses.client')} searchable data={(recipients.data?.items ?? []).map((r) => ({ value: r.clientId, label: r.clientName }))} value={clientId} onChange={setClientId} data-field="clientId" />
          <Select label={t('marketing.responses.kind')} data={RESPONSE_KINDS.map((k) => ({ value: k, label: t(`marketing.kind.${k}`) }))} value={kind} onChange={setKind} allowDeselect={false} />
          <TextInput label={t('marketing.responses.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button onClick={() => act.respond.mutate({ clientId: clientId!, kind: kind as (typeof RESPONSE_KINDS)[number], ...(note.trim() ? { note: note.trim() } : {}) })} disabled={!clientId} loading={act.respond.isPending}>{t('marketing.responses.record')}</Button>
        </Group>
      )}
      {act.respond.isError && <Alert color="red" role="alert">{act.respond.error.message}</Alert>}
      <Table striped aria-label={t('marketing.responses.title')}>
        <Table.Thead><Table.Tr><Table.Th>{t('marketing.responses.client')}</Table.Th><Table.Th>{t('marketing.responses.kind')}</Table.Th><Table.Th>{t('marketing.responses.at')}</Table.Th><Table.Th>{t('marketing.responses.note')}</Table.Th><Table.Th>{t('marketing.responses.by')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(responses.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id}><Table.Td>{r.clientName}</Table.Td><Table.Td>{t(`marketing.kind.${r.kind}`)}</Table.Td><Table.Td>{fmt.dateTime(r.at)}</Table.Td><Table.Td>{r.note ?? ''}</Table.Td><Table.Td>{r.recordedBy ?? t('marketing.responses.byRoute')}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function CampaignPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id } = useParams();
  const q = useCampaign(id);
  const act = useCampaignAction(id ?? '');
  if (q.isPending) return <Loader />;
  if (q.isError) return <Alert color="red">{q.error.message}</Alert>;
  const c = q.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{c.name}</Title>
          <Badge color={STATUS_COLOR[c.status]} variant="light" data-testid="campaign-status">{t(`marketing.status.${c.status}`)}</Badge>
        </Group>
        <Group>
          {c.status === 'planned' && <Button onClick={() => act.start.mutate()} loading={act.start.isPending}>{t('marketing.campaigns.start')}</Button>}
          {(c.status === 'planned' || c.status === 'running') && <Button color="red" variant="light" onClick={() => act.cancel.mutate()} loading={act.cancel.isPending}>{t('marketing.campaigns.cancel')}</Button>}
        </Group>
      </Group>
      {(act.start.isError || act.cancel.isError) && <Alert color="red" role="alert">{(act.start.error ?? act.cancel.error)?.message}</Alert>}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Text size="sm"><b>{t('marketing.campaigns.template')}:</b> {c.template?.name ?? '—'}</Text>
          <Text size="sm"><b>{t('marketing.campaigns.segment')}:</b> {c.segment ? <Anchor component={Link} to={`/segments/${c.segment.id}`}>{c.segment.name}</Anchor> : '—'}</Text>
          <Text size="sm"><b>{t('marketing.campaigns.owner')}:</b> {c.owner.name}</Text>
          <Text size="sm"><b>{t('marketing.campaigns.channel')}:</b> {t(`marketing.channel.${c.channel}`)}</Text>
          <Text size="sm"><b>{t('marketing.campaigns.budget')}:</b> {fmt.rub(c.budget / 100)}{c.actualCost !== null ? ` (${t('marketing.campaigns.actual')}: ${fmt.rub(c.actualCost / 100)})` : ''}</Text>
          <Text size="sm"><b>{t('marketing.campaigns.dates')}:</b> {[c.plannedStart, c.plannedEnd].filter(Boolean).map((d) => fmt.date(d!)).join(' – ') || '—'}</Text>
        </SimpleGrid>
      </Card>
      <Title order={3} size="h4">{t('marketing.plan')}</Title>
      {c.processId ? <Anchor component={Link} to={`/cases/${c.processId}`}>{t('marketing.openCase')}</Anchor> : <Text size="sm" c="dimmed">{t('marketing.notStarted')}</Text>}
      <Title order={3} size="h4">{t('marketing.messages')}</Title>
      <Tabs defaultValue="main" keepMounted={false}>
        <Tabs.List>
          {c.mainTemplateId && <Tabs.Tab value="main">{t('marketing.mainMessage')}</Tabs.Tab>}
          {c.reminderTemplateId && <Tabs.Tab value="reminder">{t('marketing.reminderMessage')}</Tabs.Tab>}
        </Tabs.List>
        {c.mainTemplateId && <Tabs.Panel value="main" pt="sm"><TemplateEditor templateId={c.mainTemplateId} /></Tabs.Panel>}
        {c.reminderTemplateId && <Tabs.Panel value="reminder" pt="sm"><TemplateEditor templateId={c.reminderTemplateId} /></Tabs.Panel>}
      </Tabs>
      <Title order={3} size="h4">{t('marketing.progress')}</Title>
      <SendProgress campaignId={c.id} />
      <Title order={3} size="h4">{t('marketing.responses.title')}</Title>
      <Responses campaign={c} />
      <Title order={3} size="h4">{t('marketing.effectiveness')}</Title>
      <Effectiveness id={c.id} />
    </Stack>
  );
}
