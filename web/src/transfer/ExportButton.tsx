// "Export" on a list page: CSV and XLSX links to the list's export with the page's current
// filters (paging left out: the file holds every row the person may see). A plain download link,
// so the browser streams the file to disk. The path is written out: the typed client's $url()
// needs an absolute base, and the app's client is relative to the page.
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type ExportList = 'clients' | 'deals' | 'interactions' | 'cases';

const PAGING = new Set(['page', 'limit', 'offset']);

function exportUrl(list: ExportList, query: Record<string, string>): string {
  return `/api/exports/${list}?${new URLSearchParams(query).toString()}`;
}

export function ExportButton({ list, params }: { list: ExportList; params: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const query: Record<string, string> = { lang: i18n.language === 'en' ? 'en' : 'ru' };
  for (const [k, v] of params) if (!PAGING.has(k) && v) query[k] = v;
  return (
    <Group gap={4} role="group" aria-label={t('transfer.export.hint')}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button key={format} component="a" href={exportUrl(list, { ...query, format })} download variant="default" size="sm" aria-label={`${t('transfer.export.label')} ${t(`transfer.export.${format}`)}`}>
          {t('transfer.export.label')} {t(`transfer.export.${format}`)}
        </Button>
      ))}
    </Group>
  );
}
