// "New invoice": a client (searched, or preset on the client card), one of its deals, lines of
// quantity x price in rubles with the sum computed, issue and due dates, a draft or issued at once.
// A refusal marks the fields the API names and keeps the dialog open with everything typed.
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { client, unwrap } from '../api.ts';
import { useClientDeals, useClientSearch } from '../calendar/queries.ts';
import { useFormat } from '../format.ts';
import { RubleInput, problemsOf, toKopecks } from './form-parts.tsx';

interface Line { name: string; quantity: number | string; price: number | string }
const emptyLine = (): Line => ({ name: '', quantity: 1, price: '' });

function ClientPicker({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const clients = useClientSearch(q);
  return (
    <Select label={t('invoices.create.client')} placeholder={t('invoices.create.clientSearch')} required searchable searchValue={search} onSearchChange={setSearch}
      filter={({ options }) => options} value={value} onChange={onChange} error={error} data-field="clientId"
      data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} nothingFoundMessage={t('invoices.create.noClients')} />
  );
}

function DealPicker({ clientId, value, onChange, error }: { clientId: string; value: string | null; onChange: (v: string | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const deals = useClientDeals(clientId);
  return (
    <Select label={t('invoices.create.deal')} placeholder={t('invoices.create.noDeal')} clearable value={value} onChange={onChange} error={error} data-field="dealId"
      data={(deals.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))} />
  );
}

function NewInvoiceForm({ clientId: preset, clientName, onDone }: { clientId?: string | undefined; clientName?: string | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = fmt.dayKey(new Date());
  const [clientId, setClientId] = useState<string | null>(preset ?? null);
  const [dealId, setDealId] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const [issueDate, setIssueDate] = useState(today);
  const [dueDate, setDueDate] = useState('');
  const [draft, setDraft] = useState(false);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const sum = lines.reduce((s, l) => s + (Number(l.quantity) || 0) * (toKopecks(l.price) || 0), 0);
  const setLine = (i: number, patch: Partial<Line>) => setLines(lines.map((l, n) => (n === i ? { ...l, ...patch } : l)));

  const save = useMutation({
    mutationFn: () => unwrap(client.api.invoices.$post({
      json: {
        clientId: clientId!, dealId, issueDate, dueDate, draft, notes: notes.trim() || null,
        lines: lines.map((l) => ({ name: l.name.trim(), quantity: Number(l.quantity), price: toKopecks(l.price) })),
      },
    })),
    onSuccess: async (made) => {
      notifications.show({ color: 'teal', message: t(draft ? 'invoices.create.drafted' : 'invoices.create.issued', { number: made.number }) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['invoices'] }),
        queryClient.invalidateQueries({ queryKey: ['receivables'] }),
      ]);
      onDone();
      void navigate(`/invoices/${made.id}`);
    },
    onError: (err) => setErrors(problemsOf(err)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // What is plainly missing is said at once, without a round trip; the rest is the API's word.
    const missing: Record<string, string> = {};
    if (!clientId) missing.clientId = t('invoices.create.required');
    if (!dueDate) missing.dueDate = t('invoices.create.required');
    if (!issueDate) missing.issueDate = t('invoices.create.required');
    lines.forEach((l, i) => {
      if (!l.name.trim()) missing[`lines[${i}].name`] = t('invoices.create.required');
      if (!(Number(l.quantity) >= 1)) missing[`lines[${i}].quantity`] = t('invoices.create.required');
      if (!(toKopecks(l.price) >= 0)) missing[`lines[${i}].price`] = t('invoices.create.required');
    });
    setErrors(missing);
    if (Object.keys(missing).length === 0) save.mutate();
  };
  const general = save.error && !Object.keys(errors).length ? save.error.message : errors.lines ?? errors.amount ?? errors['(root)'];

  return (
    <form noValidate onSubmit={submit} data-testid="new-invoice-form">
      <Stack gap="sm">
        {preset ? <TextInput label={t('invoices.create.client')} value={clientName ?? ''} readOnly data-field="clientId" /> : <ClientPicker value={clientId} onChange={(v) => { setClientId(v); setDealId(null); }} error={errors.clientId} />}
        {clientId && <DealPicker clientId={clientId} value={dealId} onChange={setDealId} error={errors.dealId} />}
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('invoices.create.lineName')}</Table.Th><Table.Th w={90}>{t('invoices.create.quantity')}</Table.Th><Table.Th w={150}>{t('invoices.create.price')}</Table.Th><Table.Th w={130} ta="right">{t('invoices.create.lineSum')}</Table.Th><Table.Th w={40} /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={i} data-testid="invoice-line">
                <Table.Td><TextInput aria-label={`${t('invoices.create.lineName')} ${i + 1}`} value={l.name} onChange={(e) => setLine(i, { name: e.currentTarget.value })} error={errors[`lines[${i}].name`]} data-field={`name${i}`} /></Table.Td>
                <Table.Td><NumberInput aria-label={`${t('invoices.create.quantity')} ${i + 1}`} min={1} allowDecimal={false} hideControls value={l.quantity} onChange={(v) => setLine(i, { quantity: v })} error={errors[`lines[${i}].quantity`]} data-field={`quantity${i}`} /></Table.Td>
                <Table.Td><RubleInput aria-label={`${t('invoices.create.price')} ${i + 1}`} value={l.price} onChange={(v) => setLine(i, { price: v })} error={errors[`lines[${i}].price`]} data-field={`price${i}`} /></Table.Td>
                <Table.Td ta="right"><Text size="sm">{fmt.rub(((Number(l.quantity) || 0) * (toKopecks(l.price) || 0)) / 100)}</Text></Table.Td>
                <Table.Td>{lines.length > 1 && <ActionIcon variant="subtle" color="red" aria-label={t('invoices.create.removeLine', { n: i + 1 })} onClick={() => setLines(lines.filter((_, n) => n !== i))}>×</ActionIcon>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button variant="light" size="xs" onClick={() => setLines([...lines, emptyLine()])}>{t('invoices.create.addLine')}</Button>
          <Text fw={700} data-testid="invoice-sum">{t('invoices.create.sum', { amount: fmt.rub(sum / 100) })}</Text>
        </Group>
        <SimpleGrid cols={2}>
          <TextInput type="date" label={t('invoices.create.issueDate')} required value={issueDate} onChange={(e) => setIssueDate(e.currentTarget.value)} error={errors.issueDate} data-field="issueDate" />
          <TextInput type="date" label={t('invoices.create.dueDate')} required value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={errors.dueDate} data-field="dueDate" />
        </SimpleGrid>
        <Textarea label={t('invoices.create.notes')} autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
        <Checkbox label={t('invoices.create.draft')} checked={draft} onChange={(e) => setDraft(e.currentTarget.checked)} />
        {general && <Alert color="red" role="alert">{general}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('invoices.create.close')}</Button>
          <Button type="submit" loading={save.isPending}>{t(draft ? 'invoices.create.saveDraft' : 'invoices.create.issue')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The "New invoice" button and its dialog; `clientId` presets the client (the client card). */
export function NewInvoiceButton({ clientId, clientName, size }: { clientId?: string; clientName?: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)} data-testid="new-invoice">{t('invoices.create.button')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('invoices.create.title')} size="xl" closeButtonProps={{ 'aria-label': t('invoices.create.close') }}>
        {open && <NewInvoiceForm clientId={clientId} clientName={clientName} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}
