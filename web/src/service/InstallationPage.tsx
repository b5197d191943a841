// One installation order (/service/installations/:id): its data, the equipment to install, the
// history of moves (who or which route, when), the units it put in the register, and the actions
// the API says the viewer may take now - each a button opening its form. The API decides; the
// page offers only what it will accept.
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { useEmployees } from '../case/queries.ts';
import { fieldErrors } from '../clients/queries.ts';
import { useFormat } from '../format.ts';
import { useInstallation, type Order } from './queries.ts';
import { ORDER_COLOR, UNIT_COLOR, WHOLE_LABEL } from './ServicePage.tsx';

type Action = Order['rights']['actions'][number];

function ActionForm({ order, action, onDone }: { order: Order; action: Action; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = useEmployees();
  const [v, setV] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const units = order.lines.flatMap((l) => Array.from({ length: l.quantity }, (_, i) => ({ model: l.model, n: i + 1 })));
  const field = (key: string) => ({ value: v[key] ?? '', onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [key]: e.currentTarget.value }), error: errors[key], 'data-field': key });
  const param = { param: { id: order.id } };
  const api = client.api.installations[':id'];
  const run = useMutation({
    mutationFn: async () => {
      const version = order.version;
      switch (action) {
        case 'accept': return unwrap(api.accept.$post({ ...param, json: { comment: v.comment?.trim() || null, version } }));
        case 'return': return unwrap(api.return.$post({ ...param, json: { missing: v.missing ?? '', deadline: v.deadline ?? '', version } }));
        case 'schedule': return unwrap(api.schedule.$post({ ...param, json: { date: v.date ?? '', engineerId: v.engineerId ?? '', version } }));
        case 'cancel': return unwrap(api.cancel.$post({ ...param, json: { reason: v.reason ?? '', version } }));
        case 'complete': return unwrap(api.complete.$post({ ...param, json: {
          actNumber: v.actNumber ?? '', actDate: v.actDate ?? '', version,
          equipment: units.map((u, i) => ({ model: u.model, serialNumber: v[`serial${i}`] ?? '' })),
          contract: v.contractNumber ? { number: v.contractNumber, validFrom: v.validFrom ?? '', validTo: v.validTo ?? '' } : null,
        } }));
      }
    },
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('service.order.saved') });
      void queryClient.invalidateQueries({ queryKey: ['installation', order.id] });
      void queryClient.invalidateQueries({ queryKey: ['installations'] });
      void queryClient.invalidateQueries({ queryKey: ['equipment'] });
      onDone();
    },
    onError: (err) => {
      const byField = fieldErrors(err);
      // A serial's problem comes as equipment[i].serialNumber; show it at that unit's box.
      const serial = /^equipment\[(\d+)\]/.exec(Object.keys(byField).find((k) => k.startsWith('equipment[')) ?? '');
      setErrors(serial ? { ...byField, [`serial${serial[1]}`]: Object.entries(byField).find(([k]) => k.startsWith('equipment['))?.[1] ?? '' } : byField);
    },
  });
  return (
    <form noValidate data-testid={`${action}-form`} onSubmit={(e) => { e.preventDefault(); setErrors({}); run.mutate(); }}>
      <Stack>
        {action === 'accept' && <Textarea label={t('service.form.comment')} {...field('comment')} />}
        {action === 'return' && <>
          <Textarea label={t('service.form.missing')} required {...field('missing')} />
          <TextInput type="date" label={t('service.form.deadline')} required {...field('deadline')} />
        </>}
        {action === 'schedule' && <>
          <TextInput type="date" label={t('service.form.date')} required {...field('date')} />
          <Select label={t('service.form.engineer')} required searchable value={v.engineerId ?? null} onChange={(x) => setV({ ...v, engineerId: x ?? '' })} error={errors.engineerId} data={people.map((p) => ({ value: p.id, label: p.name }))} data-field="engineerId" />
        </>}
        {action === 'cancel' && <Textarea label={t('service.form.reason')} required {...field('reason')} />}
        {action === 'complete' && <>
          <SimpleGrid cols={2}>
            <TextInput label={t('service.form.actNumber')} required {...field('actNumber')} />
            <TextInput type="date" label={t('service.form.actDate')} required {...field('actDate')} />
          </SimpleGrid>
          {units.map((u, i) => <TextInput key={i} label={t('service.form.serial', { model: u.model, n: u.n })} required {...field(`serial${i}`)} />)}
          <TextInput label={t('service.form.contractNumber')} {...field('contractNumber')} />
          <SimpleGrid cols={2}>
            <TextInput type="date" label={t('service.form.validFrom')} {...field('validFrom')} />
            <TextInput type="date" label={t('service.form.validTo')} {...field('validTo')} />
          </SimpleGrid>
        </>}
        {run.error && <Alert color="red" role="alert">{run.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('service.form.cancel')}</Button>
          <Button type="submit" loading={run.isPending} color={action === 'cancel' ? 'red' : undefined}>{t(`service.action.${action}`)}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return <div><Text size="sm" c="dimmed">{label}</Text><Text>{children}</Text></div>;
}

export function InstallationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useInstallation(id);
  const [dialog, setDialog] = useState<Action | null>(null);
  // The dialog keeps its title while it fades out: a dialog without a name, even for a moment, is one a screen reader cannot announce.
  const dialogTitle = useRef('');
  if (dialog) dialogTitle.current = t(`service.action.${dialog}`);
  if (q.isLoading) return <Loader />;
  if (q.error || !q.data) return <Alert color="red" role="alert">{q.error?.message}</Alert>;
  const o = q.data;
  return (
    <Stack>
      <Anchor component={Link} to="/service?tab=installations" size="sm">← {t('service.order.back')}</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">{t('service.order.title', { number: o.contractNumber })}</Title>
          <Group gap="xs">
            <Badge styles={WHOLE_LABEL} color={ORDER_COLOR[o.status]} variant="filled" size="lg" data-testid="order-status">{t(`service.installationStatus.${o.status}`)}</Badge>
            {o.atRisk && <Badge styles={WHOLE_LABEL} color="red.9" variant="filled" size="lg">{t('service.atRisk')}</Badge>}
            <Anchor component={Link} to={`/clients/${o.client.id}`}>{o.client.name}</Anchor>
          </Group>
        </Stack>
        <Group gap="xs" aria-label={t('service.order.actions')}>
          {o.rights.actions.map((a) => <Button key={a} variant={a === 'cancel' || a === 'return' ? 'default' : 'filled'} onClick={() => setDialog(a)}>{t(`service.action.${a}`)}</Button>)}
        </Group>
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t('service.order.site')}>{o.siteAddress}</Fact>
          <Fact label={t('service.order.installBy')}>{fmt.date(o.installBy)}</Fact>
          {o.deal && <Fact label={t('service.order.deal')}>{o.deal.title}</Fact>}
          {o.missing && o.status === 'returned' && <Fact label={t('service.order.missing')}>{o.missing}</Fact>}
          {o.returnDeadline && o.status === 'returned' && <Fact label={t('service.order.deadline')}>{fmt.date(o.returnDeadline)}</Fact>}
          {o.scheduledDate && <Fact label={t('service.order.scheduled')}>{fmt.date(o.scheduledDate)}</Fact>}
          {o.engineer && <Fact label={t('service.order.engineer')}>{o.engineer.name}</Fact>}
          {o.actNumber && o.actDate && <Fact label={t('service.order.act')}>{t('service.order.actLine', { number: o.actNumber, date: fmt.date(o.actDate) })}</Fact>}
          {o.doneBy && <Fact label={t('service.order.doneBy')}>{o.doneBy.name}</Fact>}
          {o.cancelReason && <Fact label={t('service.order.cancelReason')}>{o.cancelReason}</Fact>}
        </SimpleGrid>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('service.order.lines')}</Title>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t('service.col.model')}</Table.Th><Table.Th>{t('service.col.quantity')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{o.lines.map((l) => <Table.Tr key={l.model}><Table.Td>{l.model}</Table.Td><Table.Td>{l.quantity}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('service.order.history')}</Title>
          <Timeline bulletSize={14} active={o.history.length}>
            {o.history.map((h, i) => (
              <Timeline.Item key={i} title={t(`service.moves.${h.move}`)}>
                <Text size="sm" c="dimmed">{h.by?.name ?? t('service.order.byCase')} · {fmt.dateTime(h.at)}</Text>
                {h.comment && <Text size="sm">{h.comment}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      </SimpleGrid>
      {o.equipment.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('service.order.equipment')}</Title>
          <Table data-testid="order-equipment">
            <Table.Thead><Table.Tr><Table.Th>{t('service.col.model')}</Table.Th><Table.Th>{t('service.col.serial')}</Table.Th><Table.Th>{t('service.col.contract')}</Table.Th><Table.Th>{t('service.col.status')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{o.equipment.map((u) => (
              <Table.Tr key={u.id}><Table.Td>{u.model}</Table.Td><Table.Td>{u.serialNumber}</Table.Td><Table.Td>{u.contractNumber ?? '—'}</Table.Td>
                <Table.Td><Badge styles={WHOLE_LABEL} color={UNIT_COLOR[u.status]} variant="filled">{t(`service.equipmentStatus.${u.status}`)}</Badge></Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </Card>
      )}
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialogTitle.current} size={dialog === 'complete' ? 'lg' : 'md'} closeButtonProps={{ 'aria-label': t('service.form.cancel') }}>
        {dialog && <ActionForm order={o} action={dialog} onDone={() => setDialog(null)} />}
      </Modal>
    </Stack>
  );
}
