// One interaction opened from the calendar: the client (a link to the card), kind, time, whose it
// is, subject and report; a planned one may be marked done with its report or rescheduled, on the
// version read (a 409 shows the interaction as it is now).
import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { fieldErrors } from '../clients/queries.ts';
import { useFormat } from '../format.ts';
import type { CalendarItem } from './queries.ts';
import { fromLocalInput, toLocalInput } from './zoned.ts';

export const isOverdue = (i: CalendarItem, now = Date.now()): boolean => i.status === 'planned' && new Date(i.at).getTime() < now;

function Actions({ item, onChanged }: { item: CalendarItem; onChanged: (i: CalendarItem) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [report, setReport] = useState('');
  const [result, setResult] = useState('');
  const [at, setAt] = useState(toLocalInput(item.at, fmt.timeZone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [stale, setStale] = useState(false);
  const change = useMutation({
    mutationFn: (json: { status?: 'done'; report?: string; result?: string | null; at?: string }) =>
      unwrap(client.api.interactions[':id'].$patch({ param: { id: item.id }, json: { version: item.version, ...json } })),
    onSuccess: (updated, json) => {
      notifications.show({ color: 'green', message: t(json.status === 'done' ? 'calendar.doneOk' : 'calendar.saved') });
      void queryClient.invalidateQueries({ queryKey: ['interactions'] });
      onChanged(updated);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409 && err.body?.current) {
        setStale(true);
        onChanged(err.body.current as CalendarItem);
        void queryClient.invalidateQueries({ queryKey: ['interactions'] });
      } else setErrors(fieldErrors(err));
    },
  });
  return (
    <Stack>
      {stale && <Alert color="yellow" styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}>{t('calendar.stale')}</Alert>}
      <form noValidate data-testid="done-form" onSubmit={(e) => {
        e.preventDefault();
        if (!report.trim()) return setErrors({ report: t('calendar.required') });
        change.mutate({ status: 'done', report: report.trim(), result: result.trim() || null });
      }}>
        <Stack gap="xs">
          <Textarea label={t('calendar.report')} required autosize minRows={3} value={report} onChange={(e) => setReport(e.currentTarget.value)} error={errors.report} data-field="report" />
          <TextInput label={t('calendar.result')} value={result} onChange={(e) => setResult(e.currentTarget.value)} error={errors.result} data-field="result" />
          <Group justify="flex-end"><Button type="submit" loading={change.isPending && change.variables.status === 'done'}>{t('calendar.markDone')}</Button></Group>
        </Stack>
      </form>
      <Divider />
      <form noValidate data-testid="reschedule-form" onSubmit={(e) => {
        e.preventDefault();
        const instant = fromLocalInput(at, fmt.timeZone);
        if (!instant) return setErrors({ at: t('calendar.required') });
        change.mutate({ at: instant });
      }}>
        <Group align="end">
          <TextInput label={t('calendar.newTime')} description={t('calendar.zone', { zone: fmt.timeZone })} type="datetime-local" value={at} onChange={(e) => setAt(e.currentTarget.value)} error={errors.at} data-field="at" style={{ flex: 1 }} />
          <Button type="submit" variant="light" loading={change.isPending && change.variables.at !== undefined}>{t('calendar.reschedule')}</Button>
        </Group>
      </form>
      {change.error && !(change.error instanceof ApiError && change.error.status === 409) && !Object.keys(errors).length && <Alert color="red" role="alert">{t('common.error', { message: change.error.message })}</Alert>}
    </Stack>
  );
}

export function ItemDrawer({ item, onClose, onChanged }: { item: CalendarItem | null; onClose: () => void; onChanged: (i: CalendarItem) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Drawer opened={item !== null} onClose={onClose} position="right" size="md" closeButtonProps={{ 'aria-label': t('calendar.close') }}
      title={item ? `${t(`calendar.kinds.${item.kind}`)}${item.subject ? `: ${item.subject}` : ''}` : ''}>
      {item && (
        <Stack data-testid="item-drawer">
          <Group gap="xs">
            <Badge color={item.status === 'done' ? 'teal.9' : 'blue.9'} tt="none">{t(`calendar.statuses.${item.status}`)}</Badge>
            {isOverdue(item) && <Badge color="red.9" tt="none" data-testid="overdue">{t('calendar.overdue')}</Badge>}
          </Group>
          <div>
            <Text size="sm" c="dimmed">{t('calendar.client')}</Text>
            <Anchor component={Link} to={`/clients/${item.client.id}`}>{item.client.name}</Anchor>
            {item.contact && <Text size="sm">{item.contact.fullName}</Text>}
          </div>
          <div><Text size="sm" c="dimmed">{t('calendar.at')}</Text><Text>{fmt.dateTime(item.at)}{item.durationMinutes ? ` · ${item.durationMinutes} ${t('calendar.duration').split(',')[1]?.trim() ?? ''}` : ''}</Text></div>
          <div><Text size="sm" c="dimmed">{t('calendar.employee')}</Text><Text>{item.employee.name}</Text></div>
          {item.report && <div><Text size="sm" c="dimmed">{t('calendar.report')}</Text><Text style={{ whiteSpace: 'pre-wrap' }} data-testid="report">{item.report}</Text></div>}
          {item.result && <div><Text size="sm" c="dimmed">{t('calendar.result')}</Text><Text>{item.result}</Text></div>}
          {item.status === 'planned' && <><Divider /><Actions key={item.version} item={item} onChanged={onChanged} /></>}
        </Stack>
      )}
    </Drawer>
  );
}
