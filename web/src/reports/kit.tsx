// The parts every report page is made of: sections that load on their own (a slow report does not
// hold the others back, and the page says how many are ready), a failed section with its error and
// a retry, tables that export exactly their rows to CSV and XLSX, and the "not for you" page.
import { Alert, Button, Card, Group, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { download, exportFileName, toCsv, toXlsx, type Cell, type ExportTable } from './export.ts';

/** "3 of 5 sections ready" while any is loading, with a bar; nothing once all are in. */
export function SectionsProgress({ queries }: { queries: Pick<UseQueryResult, 'status' | 'fetchStatus'>[] }) {
  const { t } = useTranslation();
  const total = queries.length;
  const settled = queries.filter((q) => q.status !== 'pending').length;
  const busy = queries.some((q) => q.fetchStatus === 'fetching');
  if (settled === total && !busy) return null;
  return (
    <Stack gap={4} role="status" aria-live="polite" data-testid="sections-progress">
      <Text size="sm" c="dimmed">{t('reports.progress', { ready: settled, total, count: total })}</Text>
      <Progress value={(settled / Math.max(1, total)) * 100} size="sm" aria-hidden="true" />
    </Stack>
  );
}

export function isForbidden(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403;
}

/** One section of a report page: its title, then a loader, its error with a retry, or its content. */
export function Section<T>({ title, query, children, testId, actions }: { title: string; query: UseQueryResult<T>; children: (data: T) => ReactNode; testId?: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  const id = `section-${testId ?? title.replace(/\W+/g, '-')}`;
  return (
    <Card withBorder component="section" aria-labelledby={id} data-testid={testId} padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h5" id={id}>{title}</Title>
        {actions}
      </Group>
      {query.status === 'pending' && <Group gap="xs"><Loader size="sm" /><Text size="sm" c="dimmed">{t('common.loading')}</Text></Group>}
      {query.status === 'error' && (
        <Alert color={isForbidden(query.error) ? 'yellow' : 'red'} data-testid="section-error">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{isForbidden(query.error) ? t('reports.sectionForbidden') : t('common.error', { message: query.error.message })}</Text>
            {!isForbidden(query.error) && <Button size="xs" variant="light" onClick={() => void query.refetch()} loading={query.fetchStatus === 'fetching'}>{t('common.retry')}</Button>}
          </Stack>
        </Alert>
      )}
      {query.status === 'success' && children(query.data)}
    </Card>
  );
}

export interface Column<R> {
  label: string;
  /** What goes into CSV/XLSX: numbers stay numbers (rubles, not kopecks; shares 0..1). */
  value: (row: R) => Cell;
  /** What the table shows; the exported value as text when absent. */
  render?: (row: R) => ReactNode;
  numeric?: boolean;
}

export function ExportButtons<R>({ table, period, sheet }: { table: ExportTable<R>; period: { from?: string | undefined; to?: string | undefined }; sheet: string }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const disabled = table.rows.length === 0;
  return (
    <Group gap={4}>
      <Button size="compact-xs" variant="default" disabled={disabled} aria-label={t('reports.exportCsv', { name: sheet })}
        onClick={() => download(toCsv(table, i18n.language), 'text/csv;charset=utf-8', exportFileName(table.name, period, 'csv'))}>CSV</Button>
      <Button size="compact-xs" variant="default" disabled={disabled} loading={busy} aria-label={t('reports.exportXlsx', { name: sheet })}
        onClick={() => {
          setBusy(true);
          void toXlsx(table, sheet)
            .then((buf) => download(buf, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exportFileName(table.name, period, 'xlsx')))
            .finally(() => setBusy(false));
        }}>XLSX</Button>
    </Group>
  );
}

/** A report table with its export buttons; `name` names the exported files. It scrolls in a region
 *  the keyboard can reach (focusable, named), so every row can be read without a mouse. */
export function ReportTable<R>({ name, caption, columns, rows, period, rowKey, empty, maxHeight, testId }: {
  name: string; caption: string; columns: Column<R>[]; rows: readonly R[]; period: { from?: string | undefined; to?: string | undefined };
  rowKey: (row: R, i: number) => string; empty?: string; maxHeight?: number; testId?: string;
}) {
  const { t } = useTranslation();
  const table: ExportTable<R> = { name, columns, rows };
  return (
    <Stack gap="xs" data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>{caption}</Text>
        <ExportButtons table={table} period={period} sheet={caption} />
      </Group>
      {rows.length === 0 ? <Text size="sm" c="dimmed">{empty ?? t('reports.noRows')}</Text> : (
        <div tabIndex={0} role="region" aria-label={caption} style={{ maxHeight: maxHeight ?? 420, overflow: 'auto' }}>
          <Table striped highlightOnHover stickyHeader fz="sm" verticalSpacing={4} aria-label={caption}>
            <Table.Thead><Table.Tr>{columns.map((c) => <Table.Th key={c.label} ta={c.numeric ? 'right' : undefined}>{c.label}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={rowKey(r, i)}>
                  {columns.map((c) => <Table.Td key={c.label} ta={c.numeric ? 'right' : undefined}>{c.render ? c.render(r) : String(c.value(r) ?? '—')}</Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}

/** For an employee who opens a report: what the page is and who reads it, instead of an error. */
export function NotForYou() {
  const { t } = useTranslation();
  return (
    <Stack maw={640} data-testid="not-for-you">
      <Title order={2}>{t('reports.notForYouTitle')}</Title>
      <Alert color="yellow">{t('reports.notForYou')}</Alert>
    </Stack>
  );
}
