// "Plan an interaction" from an empty slot of the calendar: a client (searched as one types), the
// kind, the time on the company's clock and a subject.
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api.ts';
import { fieldErrors } from '../clients/queries.ts';
import { KINDS, useClientSearch, type Kind } from './queries.ts';
import { fromLocalInput } from './zoned.ts';

function PlanForm({ at: initialAt, timeZone, onDone }: { at: string; timeZone: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const clients = useClientSearch(q);
  const [clientId, setClientId] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('call');
  const [at, setAt] = useState(initialAt);
  const [duration, setDuration] = useState<number | string>(30);
  const [subject, setSubject] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const plan = useMutation({
    mutationFn: () => unwrap(client.api.interactions.$post({
      json: { clientId: clientId!, kind, status: 'planned', at: fromLocalInput(at, timeZone)!, durationMinutes: typeof duration === 'number' ? duration : null, subject: subject.trim() || null },
    })),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('calendar.plannedOk') });
      void queryClient.invalidateQueries({ queryKey: ['interactions'] });
      onDone();
    },
    onError: (err) => setErrors(fieldErrors(err)),
  });
  return (
    <form noValidate data-testid="plan-form" onSubmit={(e) => {
      e.preventDefault();
      const missing = { ...(clientId ? {} : { clientId: t('calendar.required') }), ...(fromLocalInput(at, timeZone) ? {} : { at: t('calendar.required') }) };
      if (Object.keys(missing).length) return setErrors(missing);
      plan.mutate();
    }}>
      <Stack>
        <Select label={t('calendar.client')} placeholder={t('calendar.clientSearch')} required searchable searchValue={search} onSearchChange={setSearch} filter={({ options }) => options}
          value={clientId} onChange={setClientId} data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} error={errors.clientId} data-field="clientId" />
        <Select label={t('calendar.kind')} allowDeselect={false} value={kind} onChange={(v) => v && setKind(v)} data={KINDS.map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))} data-field="kind" />
        <TextInput label={t('calendar.at')} description={t('calendar.zone', { zone: timeZone })} required type="datetime-local" value={at} onChange={(e) => setAt(e.currentTarget.value)} error={errors.at} data-field="at" />
        <NumberInput label={t('calendar.duration')} min={1} max={1440} value={duration} onChange={setDuration} error={errors.durationMinutes} data-field="durationMinutes" />
        <TextInput label={t('calendar.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} data-field="subject" />
        {plan.error && !Object.keys(errors).length && <Alert color="red" role="alert">{t('common.error', { message: plan.error.message })}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('calendar.cancel')}</Button>
          <Button type="submit" loading={plan.isPending}>{t('calendar.plan')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `at`: the slot's datetime-local value on the company's clock; null when closed. */
export function PlanModal({ at, timeZone, onClose }: { at: string | null; timeZone: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={at !== null} onClose={onClose} title={t('calendar.planTitle')} closeButtonProps={{ 'aria-label': t('calendar.close') }}>
      {at !== null && <PlanForm at={at} timeZone={timeZone} onDone={onClose} />}
    </Modal>
  );
}
