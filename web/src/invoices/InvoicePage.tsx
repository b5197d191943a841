// One invoice: its client and deal, amounts, status (overdue in red), lines, the payment schedule,
// the payments received, and - for those who may - the "record payment" form. The server decides
// what is left and refuses more unless it is marked as an overpayment; the form explains.
import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { useFormat } from '../format.ts';
import { RubleInput, toKopecks } from './form-parts.tsx';
import { InvoiceActions } from './InvoiceActions.tsx';
import { StatusBadge } from './parts.tsx';
import { useInvoice, useRecordPayment, type InvoicePage as Invoice } from './queries.ts';

function PaymentForm({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const record = useRecordPayment(invoice.id);
  const [paidOn, setPaidOn] = useState(invoice.today);
  const [amount, setAmount] = useState<number | string>(invoice.outstanding / 100);
  const [documentNumber, setDocumentNumber] = useState('');
  const [overpayment, setOverpayment] = useState(false);
  const [missing, setMissing] = useState(false);
  const err = record.error instanceof ApiError ? record.error : undefined;
  const problem = (path: string) => err?.problems.find((p) => p.path === path)?.message;
  const left = typeof err?.body?.left === 'number' ? err.body.left : undefined;

  const send = (asOverpayment: boolean) => {
    const kopecks = toKopecks(amount);
    if (!documentNumber.trim() || !paidOn || !(kopecks > 0)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    record.mutate({ paidOn, amount: kopecks, documentNumber: documentNumber.trim(), overpayment: asOverpayment }, {
      onSuccess: (res) => {
        notifications.show({ color: 'teal', message: t('invoices.pay.done') });
        setDocumentNumber('');
        setOverpayment(false);
        setAmount(res.invoice.outstanding / 100);
      },
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(overpayment);
  };

  return (
    <Card withBorder component="section" aria-labelledby="pay-title" data-testid="payment-form">
      <Title order={3} size="h4" id="pay-title" mb="xs">{t('invoices.pay.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('invoices.pay.left', { amount: fmt.rub(invoice.outstanding / 100) })}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput type="date" label={t('invoices.pay.paidOn')} value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} required
            error={problem('paidOn') ?? (missing && !paidOn ? t('invoices.pay.required') : undefined)} />
          <RubleInput label={t('invoices.pay.amount')} value={amount} onChange={(v) => { setAmount(v); if (left !== undefined) record.reset(); }} required
            error={left !== undefined ? t('invoices.pay.tooMuch', { amount: fmt.rub(left / 100) }) : problem('amount') ?? (missing && !(Number(amount) > 0) ? t('invoices.pay.required') : undefined)} data-testid="payment-amount" />
          <TextInput label={t('invoices.pay.document')} value={documentNumber} onChange={(e) => setDocumentNumber(e.currentTarget.value)} required
            error={problem('documentNumber') ? t('invoices.pay.duplicate') : missing && !documentNumber.trim() ? t('invoices.pay.required') : undefined} data-testid="payment-document" />
          <Checkbox label={t('invoices.pay.overpayment')} checked={overpayment} onChange={(e) => setOverpayment(e.currentTarget.checked)} />
          {err && !err.problems.length && <Alert color="red">{err.message}</Alert>}
          <Group>
            <Button type="submit" loading={record.isPending}>{t('invoices.pay.submit')}</Button>
            {/* The client did pay more: the same payment, accepted as an overpayment. */}
            {left !== undefined && <Button variant="outline" onClick={() => send(true)} loading={record.isPending}>{t('invoices.pay.asOverpayment')}</Button>}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function InvoicePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id } = useParams();
  const q = useInvoice(id);
  if (q.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (q.error || !q.data) {
    return (
      <Stack maw={1100} mx="auto">
        <Alert color="red">{q.error instanceof ApiError && q.error.status === 404 ? t('invoices.invoice.notFound') : t('common.error', { message: q.error?.message ?? '' })}</Alert>
        <Anchor component={Link} to="/invoices">{t('invoices.invoice.back')}</Anchor>
      </Stack>
    );
  }
  const i = q.data;
  const overdue = i.status === 'overdue';
  return (
    <Stack maw={1100} mx="auto">
      <Anchor component={Link} to="/invoices" size="sm">{t('invoices.invoice.back')}</Anchor>
      <Group gap="md" align="center">
        <Title order={2}>{t('invoices.col.number')} {i.number}</Title>
        <StatusBadge status={i.status} />
        <InvoiceActions invoice={i} />
      </Group>
      <Group gap="xl">
        <Text size="sm">{t('invoices.invoice.client')}: <Anchor component={Link} to={`/clients/${i.client.id}`}>{i.client.name}</Anchor></Text>
        {i.deal && <Text size="sm">{t('invoices.invoice.deal')}: {i.deal.title}</Text>}
        <Text size="sm">{t('invoices.invoice.issued', { date: fmt.date(i.issueDate) })}</Text>
        <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 700 : undefined}>{t('invoices.invoice.due', { date: fmt.date(i.dueDate) })}</Text>
      </Group>
      {i.cancelReason && <Alert color="gray">{t('invoices.invoice.cancelled', { reason: i.cancelReason })}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="invoice-figures">
        <Paper withBorder p="sm"><Text size="xs" c="dimmed">{t('invoices.col.amount')}</Text><Text fw={700}>{fmt.rub(i.amount / 100)}</Text></Paper>
        <Paper withBorder p="sm"><Text size="xs" c="dimmed">{t('invoices.col.paid')}</Text><Text fw={700} data-testid="invoice-paid">{fmt.rub(i.paid / 100)}</Text></Paper>
        <Paper withBorder p="sm"><Text size="xs" c="dimmed">{t('invoices.col.outstanding')}</Text><Text fw={700} c={overdue ? 'red.9' : undefined} data-testid="invoice-outstanding">{fmt.rub(i.outstanding / 100)}</Text></Paper>
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            {i.lines.length > 0 && (
              <Card withBorder component="section" aria-labelledby="lines-title">
                <Title order={3} size="h4" id="lines-title" mb="sm">{t('invoices.invoice.lines')}</Title>
                <Table>
                  <Table.Thead><Table.Tr><Table.Th>{t('invoices.invoice.line')}</Table.Th><Table.Th ta="right">{t('invoices.invoice.qty')}</Table.Th><Table.Th ta="right">{t('invoices.invoice.price')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>{i.lines.map((l, n) => <Table.Tr key={n}><Table.Td>{l.name}</Table.Td><Table.Td ta="right">{l.quantity}</Table.Td><Table.Td ta="right">{fmt.rub(l.price / 100)}</Table.Td></Table.Tr>)}</Table.Tbody>
                </Table>
              </Card>
            )}
            <Card withBorder component="section" aria-labelledby="schedule-title" data-testid="invoice-schedule">
              <Title order={3} size="h4" id="schedule-title" mb="sm">{t('invoices.invoice.schedule')}</Title>
              {i.schedule.length === 0 ? <Text size="sm" c="dimmed">{t('invoices.invoice.noSchedule')}</Text> : (
                <Table>
                  <Table.Thead><Table.Tr><Table.Th>{t('invoices.invoice.dueOn')}</Table.Th><Table.Th ta="right">{t('invoices.invoice.planned')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>{i.schedule.map((p) => <Table.Tr key={p.id}><Table.Td>{fmt.date(p.dueOn)}</Table.Td><Table.Td ta="right">{fmt.rub(p.amount / 100)}</Table.Td></Table.Tr>)}</Table.Tbody>
                </Table>
              )}
            </Card>
            <Card withBorder component="section" aria-labelledby="payments-title" data-testid="invoice-payments">
              <Title order={3} size="h4" id="payments-title" mb="sm">{t('invoices.invoice.payments')}</Title>
              {i.payments.length === 0 ? <Text size="sm" c="dimmed">{t('invoices.invoice.noPayments')}</Text> : (
                <Table>
                  <Table.Thead><Table.Tr><Table.Th>{t('invoices.invoice.paidOn')}</Table.Th><Table.Th>{t('invoices.invoice.document')}</Table.Th><Table.Th ta="right">{t('invoices.col.amount')}</Table.Th><Table.Th>{t('invoices.invoice.recordedBy')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {i.payments.map((p) => (
                      <Table.Tr key={p.id} data-testid="payment-row">
                        <Table.Td>{fmt.date(p.paidOn)}</Table.Td>
                        <Table.Td>{p.documentNumber}</Table.Td>
                        <Table.Td ta="right">{fmt.rub(p.amount / 100)}{p.overpayment && <Text span size="xs" c="dimmed"> ({t('invoices.invoice.overpayment')})</Text>}</Table.Td>
                        <Table.Td>{p.recordedBy?.name ?? p.integration?.name ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {i.rights.pay && i.status !== 'cancelled' ? <PaymentForm key={i.version} invoice={i} /> : <Text size="sm" c="dimmed">{t('invoices.invoice.readOnly')}</Text>}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
