// The questions the invoice pages ask the API (TanStack Query over the typed client): the list with
// its sums, receivables per client, one invoice, one client's receivables; and recording a payment.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export const INVOICE_STATUSES = ['draft', 'issued', 'partly-paid', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_SORTS = ['-issueDate', 'issueDate', 'dueDate', '-dueDate', '-amount', 'amount', '-outstanding', 'outstanding', 'number', '-number', 'client', '-client'] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];
export const RECEIVABLE_SORTS = ['-overdue', 'overdue', '-outstanding', 'outstanding', 'oldestOverdueDue', '-oldestOverdueDue', 'client', '-client'] as const;
export type ReceivableSort = (typeof RECEIVABLE_SORTS)[number];

/** Badge colours, shade 9 so white text keeps WCAG AA contrast; overdue is red. */
export const STATUS_COLOR: Record<InvoiceStatus, string> = {
  draft: 'gray.7', issued: 'blue.9', 'partly-paid': 'grape.9', paid: 'teal.9', overdue: 'red.9', cancelled: 'dark.6',
};

export interface InvoiceListFilter {
  q?: string | undefined;
  clientId?: string | undefined;
  status?: InvoiceStatus | undefined;
  overdue?: boolean | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  sort: InvoiceSort;
  limit: number;
  offset: number;
}

export function useInvoiceList(f: InvoiceListFilter) {
  const query = {
    ...(f.q ? { q: f.q } : {}),
    ...(f.clientId ? { clientId: f.clientId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.overdue ? { overdue: 'true' as const } : {}),
    ...(f.dueFrom ? { dueFrom: f.dueFrom } : {}),
    ...(f.dueTo ? { dueTo: f.dueTo } : {}),
    sort: f.sort,
    limit: String(f.limit),
    offset: String(f.offset),
  };
  return useQuery({ queryKey: ['invoices', query], queryFn: () => unwrap(client.api.invoices.$get({ query })), placeholderData: keepPreviousData });
}
export type InvoiceListItem = NonNullable<ReturnType<typeof useInvoiceList>['data']>['items'][number];

export interface ReceivableFilter {
  q?: string | undefined;
  overdueOnly?: boolean | undefined;
  sort: ReceivableSort;
  limit: number;
  offset: number;
}

export function useReceivables(f: ReceivableFilter) {
  const query = {
    ...(f.q ? { q: f.q } : {}),
    ...(f.overdueOnly ? { overdueOnly: 'true' as const } : {}),
    sort: f.sort,
    limit: String(f.limit),
    offset: String(f.offset),
  };
  return useQuery({ queryKey: ['receivables', query], queryFn: () => unwrap(client.api.receivables.$get({ query })), placeholderData: keepPreviousData });
}

export function useInvoice(id: string | undefined) {
  return useQuery({ queryKey: ['invoice', id], queryFn: () => unwrap(client.api.invoices[':id'].$get({ param: { id: id! } })), enabled: Boolean(id) });
}
export type InvoicePage = NonNullable<ReturnType<typeof useInvoice>['data']>;

export function useClientReceivables(clientId: string) {
  return useQuery({ queryKey: ['receivables', 'client', clientId], queryFn: () => unwrap(client.api.clients[':id'].receivables.$get({ param: { id: clientId }, query: {} })) });
}

export function useRecordPayment(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: { paidOn: string; amount: number; documentNumber: string; overpayment: boolean }) =>
      unwrap(client.api.invoices[':id'].payments.$post({ param: { id: invoiceId }, json })),
    onSuccess: async () => {
      // The status, the lists' sums and every receivable figure follow the payment.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['invoice', invoiceId] }),
        queryClient.invalidateQueries({ queryKey: ['invoices'] }),
        queryClient.invalidateQueries({ queryKey: ['receivables'] }),
      ]);
    },
  });
}
