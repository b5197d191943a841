// The client card's deals: stage, amount in rubles, owner, status and planned close, each a link to
// the deal; "new deal" creates one for this client (POST /api/deals with the client preset).
import { Alert, Anchor, Badge, Button, Card, Group, Modal, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { client, unwrap } from '../api.ts';
import { fieldErrors } from '../clients/queries.ts';
import { useFormat } from '../format.ts';
import { useClientDeals } from './queries.ts';

const STATUS_COLOR = { open: 'blue.9', won: 'teal.9', lost: 'gray.8' } as const;

function NewDeal({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [rubles, setRubles] = useState<number | string>('');
  const [close, setClose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () => unwrap(client.api.deals.$post({
      // Money travels in kopecks.
      json: { clientId, title: title.trim(), ...(typeof rubles === 'number' ? { amount: Math.round(rubles * 100) } : {}), ...(close ? { plannedCloseDate: close } : {}) },
    })),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('calendar.deals.created') });
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
      onDone();
    },
    onError: (err) => setErrors(fieldErrors(err)),
  });
  return (
    <form noValidate data-testid="new-deal" onSubmit={(e) => {
      e.preventDefault();
      if (!title.trim()) return setErrors({ title: t('calendar.required') });
      create.mutate();
    }}>
      <Stack>
        <TextInput label={t('calendar.deals.dealTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-field="title" />
        <NumberInput label={t('calendar.deals.amount')} min={0} decimalScale={2} thousandSeparator=" " value={rubles} onChange={setRubles} error={errors.amount} data-field="amount" />
        <TextInput label={t('calendar.deals.closeDate')} type="date" value={close} onChange={(e) => setClose(e.currentTarget.value)} error={errors.plannedCloseDate} data-field="plannedCloseDate" />
        {create.error && !Object.keys(errors).length && <Alert color="red" role="alert">{t('common.error', { message: create.error.message })}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('calendar.cancel')}</Button>
          <Button type="submit" loading={create.isPending}>{t('calendar.deals.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ClientDeals({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const deals = useClientDeals(clientId);
  const [creating, setCreating] = useState(false);
  const items = deals.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="client-deals-title" data-testid="client-deals">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="client-deals-title">{t('calendar.deals.title')}</Title>
        <Button size="xs" variant="light" onClick={() => setCreating(true)}>{t('calendar.deals.new')}</Button>
      </Group>
      {deals.error && <Alert color="red">{t('common.error', { message: deals.error.message })}</Alert>}
      {deals.data && items.length === 0 && <Text c="dimmed" size="sm">{t('calendar.deals.empty')}</Text>}
      {/* A list, not a table: the card's column is narrow, and a squeezed table cut the status to "op…". */}
      <Stack gap="xs">
        {items.map((d) => (
          <div key={d.id} data-testid="client-deal">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`/deals/${d.id}`} fw={600}>{d.title}</Anchor>
              <Badge color={STATUS_COLOR[d.status]} tt="none" style={{ flexShrink: 0 }}>{t(`calendar.deals.statuses.${d.status}`)}</Badge>
            </Group>
            <Text size="sm">
              <span data-col="amount" style={{ whiteSpace: 'nowrap' }}>{fmt.rub(d.amount / 100)}</span>
              {' · '}{t('calendar.deals.cols.stage')}: {i18n.language === 'en' && d.stage.nameEn ? d.stage.nameEn : d.stage.name}
            </Text>
            <Text size="sm" c="dimmed">
              {t('calendar.deals.cols.owner')}: {d.owner.name}
              {d.plannedCloseDate ? ` · ${t('calendar.deals.closeDate')}: ${fmt.date(d.plannedCloseDate)}` : ''}
            </Text>
          </div>
        ))}
      </Stack>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('calendar.deals.newTitle')} closeButtonProps={{ 'aria-label': t('calendar.close') }}>
        {creating && <NewDeal clientId={clientId} onDone={() => setCreating(false)} />}
      </Modal>
    </Card>
  );
}
