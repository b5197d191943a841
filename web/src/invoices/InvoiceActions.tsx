// What one may do to an invoice besides paying it: issue a draft, plan the payments (the
// schedule), cancel it with a reason. Each change is sent on the version the page shows; when
// someone changed the invoice meanwhile, the API answers 409 with the invoice as it is now - the
// page shows that, the dialog keeps what was typed, and sending again applies it to the new version.
import { ActionIcon, Alert, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../api.ts';
import { useFormat } from '../format.ts';
import { RubleInput, problemsOf, toKopecks } from './form-parts.tsx';
import type { InvoicePage as Invoice } from './queries.ts';

type Action = 'issue' | 'schedule' | 'cancel';

/** A change on the invoice's version; a stale one puts the current invoice on the page and says so. */
function useInvoiceChange<T>(invoice: Invoice, send: (version: number, input: T) => Promise<Invoice>, onDone: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [stale, setStale] = useState(false);
  const mutation = useMutation({
    mutationFn: (input: T) => send(invoice.version, input),
    onSuccess: async (fresh) => {
      setStale(false);
      queryClient.setQueryData(['invoice', invoice.id], fresh);
      notifications.show({ color: 'teal', message: t('invoices.act.saved') });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['invoices'] }), queryClient.invalidateQueries({ queryKey: ['receivables'] })]);
      onDone();
    },
    onError: (err) => {
      const current = err instanceof ApiError && err.status === 409 ? err.body?.current : undefined;
      if (current && typeof current === 'object') {
        // The page now shows the invoice as it is; the next send goes on its version.
        queryClient.setQueryData(['invoice', invoice.id], current);
        setStale(true);
      } else setStale(false);
    },
  });
  return { mutation, stale };
}

/** The orange title on the light orange ground is too faint (3.6:1); the title is dark, as on the client card. */
const WARN = { title: { color: 'var(--mantine-color-dark-7)' } };

function StaleNotice({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Alert color="orange" styles={WARN} role="alert" title={t('invoices.act.staleTitle')} data-testid="stale-notice">
      {t('invoices.act.stale', { status: t(`invoices.statuses.${invoice.status}`), amount: fmt.rub(invoice.amount / 100), due: fmt.date(invoice.dueDate), by: invoice.updatedBy.name })}
    </Alert>
  );
}

function Failure({ error, fields }: { error: Error | null; fields: Record<string, string> }) {
  if (!error || (error instanceof ApiError && error.body?.current) || Object.keys(fields).length) return null;
  return <Alert color="red" role="alert">{error.message}</Alert>;
}

function IssueForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { mutation, stale } = useInvoiceChange<null>(invoice, (version) => unwrap(client.api.invoices[':id'].$patch({ param: { id: invoice.id }, json: { version, issue: true } })), onDone);
  return (
    <form noValidate data-testid="issue-form" onSubmit={(e) => { e.preventDefault(); mutation.mutate(null); }}>
      <Stack>
        <Text>{t('invoices.act.issueText', { number: invoice.number, amount: fmt.rub(invoice.amount / 100), due: fmt.date(invoice.dueDate) })}</Text>
        {stale && <StaleNotice invoice={invoice} />}
        <Failure error={mutation.error} fields={{}} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('invoices.create.close')}</Button>
          <Button type="submit" loading={mutation.isPending}>{t('invoices.act.issue')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

interface Planned { dueOn: string; amount: number | string }

function ScheduleForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [items, setItems] = useState<Planned[]>(invoice.schedule.length ? invoice.schedule.map((p) => ({ dueOn: p.dueOn, amount: p.amount / 100 })) : [{ dueOn: invoice.dueDate, amount: invoice.amount / 100 }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { mutation, stale } = useInvoiceChange<Planned[]>(invoice, (version, list) => unwrap(client.api.invoices[':id'].schedule.$put({
    param: { id: invoice.id }, json: { version, items: list.map((p) => ({ dueOn: p.dueOn, amount: toKopecks(p.amount) })) },
  })), onDone);
  const sum = items.reduce((s, p) => s + (toKopecks(p.amount) || 0), 0);
  const set = (i: number, patch: Partial<Planned>) => setItems(items.map((p, n) => (n === i ? { ...p, ...patch } : p)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    items.forEach((p, i) => {
      if (!p.dueOn) missing[`items[${i}].dueOn`] = t('invoices.create.required');
      if (!(toKopecks(p.amount) > 0)) missing[`items[${i}].amount`] = t('invoices.act.positive');
    });
    setErrors(missing);
    if (!Object.keys(missing).length) mutation.mutate(items, { onError: (err) => setErrors(problemsOf(err)) });
  };
  const over = sum > invoice.amount;
  return (
    <form noValidate data-testid="schedule-form" onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('invoices.act.scheduleText', { amount: fmt.rub(invoice.amount / 100) })}</Text>
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead><Table.Tr><Table.Th>{t('invoices.invoice.dueOn')}</Table.Th><Table.Th>{t('invoices.act.plannedAmount')}</Table.Th><Table.Th w={40} /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((p, i) => (
              <Table.Tr key={i} data-testid="planned-row">
                <Table.Td><TextInput type="date" aria-label={`${t('invoices.invoice.dueOn')} ${i + 1}`} value={p.dueOn} onChange={(e) => set(i, { dueOn: e.currentTarget.value })} error={errors[`items[${i}].dueOn`]} data-field={`dueOn${i}`} /></Table.Td>
                <Table.Td><RubleInput aria-label={`${t('invoices.act.plannedAmount')} ${i + 1}`} value={p.amount} onChange={(v) => set(i, { amount: v })} error={errors[`items[${i}].amount`]} data-field={`amount${i}`} /></Table.Td>
                <Table.Td><ActionIcon variant="subtle" color="red" aria-label={t('invoices.create.removeLine', { n: i + 1 })} onClick={() => setItems(items.filter((_, n) => n !== i))}>×</ActionIcon></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button variant="light" size="xs" onClick={() => setItems([...items, { dueOn: '', amount: '' }])}>{t('invoices.act.addPayment')}</Button>
          <Text fw={700} c={over ? 'red.9' : undefined} data-testid="schedule-sum">{t('invoices.act.planned', { sum: fmt.rub(sum / 100), amount: fmt.rub(invoice.amount / 100) })}</Text>
        </Group>
        {errors.schedule && <Alert color="red" role="alert">{t('invoices.act.tooMuch', { amount: fmt.rub(invoice.amount / 100) })}</Alert>}
        {stale && <StaleNotice invoice={invoice} />}
        <Failure error={mutation.error} fields={errors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('invoices.create.close')}</Button>
          <Button type="submit" loading={mutation.isPending}>{t('invoices.act.saveSchedule')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { mutation, stale } = useInvoiceChange<string>(invoice, (version, why) => unwrap(client.api.invoices[':id'].cancel.$post({ param: { id: invoice.id }, json: { reason: why, version } })), onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setErrors({ reason: t('invoices.create.required') });
    setErrors({});
    mutation.mutate(reason.trim(), { onError: (err) => setErrors(problemsOf(err)) });
  };
  return (
    <form noValidate data-testid="cancel-form" onSubmit={submit}>
      <Stack>
        <Textarea label={t('invoices.act.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-field="reason" />
        {stale && <StaleNotice invoice={invoice} />}
        <Failure error={mutation.error} fields={errors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('invoices.create.close')}</Button>
          <Button type="submit" color="red" loading={mutation.isPending}>{t('invoices.act.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The buttons of the actions the invoice's state and the person's rights allow, each with its dialog. */
export function InvoiceActions({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  const [title, setTitle] = useState('');
  if (!invoice.rights.write || invoice.status === 'cancelled') return null;
  const actions: Action[] = [...(invoice.status === 'draft' ? ['issue' as const] : []), 'schedule', ...(invoice.paid === 0 ? ['cancel' as const] : [])];
  const close = () => setOpen(null);
  return (
    <Group gap="sm" data-testid="invoice-actions">
      {actions.map((a) => (
        <Button key={a} variant={a === 'issue' ? 'filled' : a === 'cancel' ? 'outline' : 'light'} color={a === 'cancel' ? 'red' : undefined}
          onClick={() => { setTitle(t(`invoices.act.${a}Title`)); setOpen(a); }}>{t(`invoices.act.${a}Button`)}</Button>
      ))}
      {/* The title stays while the dialog fades out: a dialog without a name cannot be announced. */}
      <Modal opened={open !== null} onClose={close} title={title} size={open === 'schedule' ? 'lg' : 'md'} closeButtonProps={{ 'aria-label': t('invoices.create.close') }}>
        {open === 'issue' && <IssueForm invoice={invoice} onDone={close} />}
        {open === 'schedule' && <ScheduleForm invoice={invoice} onDone={close} />}
        {open === 'cancel' && <CancelForm invoice={invoice} onDone={close} />}
      </Modal>
    </Group>
  );
}
