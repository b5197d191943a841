// What the invoice forms share: rubles typed with kopecks (the API speaks kopecks), the field
// errors of a refusal keyed by the API's full path ('lines[0].price'), and who may write invoices.
import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { useMe } from '../auth.tsx';

/** Rubles as typed (a number or the text of an unfinished one) -> integer kopecks; NaN when not a number. */
export const toKopecks = (v: number | string): number => (v === '' ? Number.NaN : Math.round(Number(v) * 100));

/** A money input with the separators of the language: "1 234,56" in Russian, "1,234.56" in English. */
export function RubleInput(props: NumberInputProps) {
  const { i18n } = useTranslation();
  const ru = i18n.language.startsWith('ru');
  return <NumberInput min={0} decimalScale={2} thousandSeparator={ru ? ' ' : ','} decimalSeparator={ru ? ',' : '.'} hideControls {...props} />;
}

/** The problems of a refusal by the API's path; the first problem wins for a path. */
export function problemsOf(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const p of err.problems) out[p.path] ??= p.message;
  return out;
}

/** Roles that may prepare invoices for some clients; the API decides for the client at hand. */
const INVOICE_WRITERS = ['sales', 'sales-assistant', 'manager', 'management', 'admin'];

export function useMayWriteInvoices(): boolean {
  const me = useMe();
  return me.data?.roles.some((r) => INVOICE_WRITERS.includes(r)) ?? false;
}

export function useIsInvoiceClerk(): boolean {
  const me = useMe();
  return me.data?.roles.some((r) => ['sales-assistant', 'management', 'admin'].includes(r)) ?? false;
}
