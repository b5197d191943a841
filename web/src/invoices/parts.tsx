// Small pieces the invoice pages share: the status badge, the tabs between invoices and
// receivables, a search box that writes to the address bar once the person stops typing.
import { Badge, Group, Anchor } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { STATUS_COLOR, type InvoiceStatus } from './queries.ts';

export function StatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]} variant="filled" tt="none" data-testid="invoice-status" data-status={status}>{t(`invoices.statuses.${status}`)}</Badge>;
}

export function InvoiceTabs() {
  const { t } = useTranslation();
  const link = (to: string, label: string) => (
    <Anchor component={NavLink} to={to} end fw={500} style={({ isActive }: { isActive: boolean }) => ({ textDecoration: isActive ? 'underline' : 'none', textUnderlineOffset: 6 })}>{label}</Anchor>
  );
  return <Group gap="lg" component="nav" aria-label={t('invoices.nav')}>{link('/invoices', t('invoices.title'))}{link('/receivables', t('invoices.receivables'))}</Group>;
}

export function useDebouncedParam(value: string | null, write: (v: string) => void) {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text, 350);
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (debounced !== (value ?? '')) write(debounced.trim());
    // Only the person's typing should write; the address changing is read by the effect above.
  }, [debounced]);
  return [text, setText] as const;
}
