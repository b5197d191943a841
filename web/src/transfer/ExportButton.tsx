// "Export" on a list page: CSV and XLSX links to the list's export with the page's current
// filters (paging left out: the file holds every row the person may see). A plain download link,
// so the browser streams the file to disk; the URL comes from the typed client.
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { client } from '../api.ts';

export type ExportList = 'clients' | 'deals' | 'interactions' | 'cases';

const PAGING = new Set(['page', 'limit', 'offset']);

function exportUrl(list: ExportList, query: Record<string, string>): string {
  const ex = client.api.exports;
  const url = list === 'clients' ? ex.clients.$url() : list === 'deals' ? ex.deals.$url() : list === 'interactions' ? ex.interactions.$url() : ex.cases.$url();
  return `${url.pathname}?${new URLSearchParams(query).toString()}`;
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
