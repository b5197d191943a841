// Campaigns: the list (status, dates, recipients, responses, revenue) and the "new campaign from a
// template" dialog (the template's content is copied; the messages are edited on the campaign).
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, NumberInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { client, unwrap } from '../api.ts';
import { useFormat } from '../format.ts';
import { useCampaigns, useCampaignTemplates, useSegments } from './queries.ts';

export const STATUS_COLOR: Record<string, string> = { planned: 'gray', running: 'blue', finished: 'green', cancelled: 'red' };

function NewCampaign({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const templates = useCampaignTemplates();
  const segments = useSegments();
  const navigate = useNavigate();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [budget, setBudget] = useState<number>(0);
  const create = useMutation({
    mutationFn: () => unwrap(client.api.campaigns.$post({ json: { templateId: templateId!, name, segmentId, budget: Math.round(budget * 100) } })),
    onSuccess: (c) => navigate(`/campaigns/${c.id}`),
  });
  return (
    <Stack>
      <Select label={t('marketing.campaigns.template')} required data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} value={templateId} onChange={setTemplateId} data-field="templateId" />
      <TextInput label={t('marketing.campaigns.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-field="name" />
      <Select label={t('marketing.campaigns.segment')} clearable data={(segments.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.count})` }))} value={segmentId} onChange={setSegmentId} data-field="segmentId" />
      <NumberInput label={t('marketing.campaigns.budget')} min={0} value={budget} onChange={(v) => setBudget(typeof v === 'number' ? v : 0)} />
      {create.isError && <Alert color="red" role="alert">{create.error.message}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>{t('marketing.cancel')}</Button>
        <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!templateId || !name.trim()}>{t('marketing.campaigns.create')}</Button>
      </Group>
    </Stack>
  );
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useCampaigns(0);
  const [open, setOpen] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('marketing.campaigns.title')}</Title>
        <Button onClick={() => setOpen(true)}>{t('marketing.campaigns.new')}</Button>
      </Group>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('marketing.campaigns.new')}>{open && <NewCampaign onClose={() => setOpen(false)} />}</Modal>
      {list.isPending ? <Loader /> : list.isError ? <Alert color="red">{list.error.message}</Alert> : (
        <Table striped aria-label={t('marketing.campaigns.title')}>
          <Table.Thead><Table.Tr>
            <Table.Th>{t('marketing.campaigns.name')}</Table.Th><Table.Th>{t('marketing.campaigns.status')}</Table.Th><Table.Th>{t('marketing.campaigns.dates')}</Table.Th>
            <Table.Th ta="right">{t('marketing.fig.recipients')}</Table.Th><Table.Th ta="right">{t('marketing.fig.responses')}</Table.Th><Table.Th ta="right">{t('marketing.fig.revenue')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td><Anchor component={Link} to={`/campaigns/${c.id}`}>{c.name}</Anchor></Table.Td>
                <Table.Td><Badge color={STATUS_COLOR[c.status]} variant="light">{t(`marketing.status.${c.status}`)}</Badge></Table.Td>
                <Table.Td>{[c.plannedStart, c.plannedEnd].filter(Boolean).map((d) => fmt.date(d!)).join(' – ')}</Table.Td>
                <Table.Td ta="right">{c.recipients}</Table.Td>
                <Table.Td ta="right">{c.responses}</Table.Td>
                <Table.Td ta="right">{fmt.rub(c.revenue / 100)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
