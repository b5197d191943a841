// VIP detection (КОМПАС's "automatic VIP by total deal value over a period"): the clients whose
// deals won in the period reach a threshold, whether they carry the VIP tag already, and - for
// management and admins, who may change clients' tags company-wide - one button that tags them.
import { Button, Group, NumberInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api.ts';
import { ReportTable, Section } from './kit.tsx';
import { useReport } from './useReport.ts';
import { useReportFormat } from './useReportFormat.ts';

interface VipReport {
  threshold: number;
  items: { client: { id: string; name: string }; owner: { id: string; fullName: string }; wonDeals: number; value: number; tagged: boolean }[];
}

const DEFAULT_RUBLES = 1_000_000;

export function VipSection({ period, who, canTag }: { period: { from: string; to: string }; who: { departmentId?: string | undefined; employeeId?: string | undefined }; canTag: boolean }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const queryClient = useQueryClient();
  const [rubles, setRubles] = useState<number>(DEFAULT_RUBLES);
  const threshold = Math.round(rubles * 100);
  const vip = useReport<VipReport>('/api/reports/clients/vip', { ...period, ...who, threshold });
  const tag = useMutation({
    mutationFn: () => unwrap(client.api.reports.clients.vip.$post({ json: { from: period.from, to: period.to, threshold } })),
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: t('reports.clients.tagged_done', { count: r.tagged.length }) });
      await queryClient.invalidateQueries({ queryKey: ['report', '/api/reports/clients/vip'] });
    },
    onError: (e: Error) => notifications.show({ color: 'red', message: e.message }),
  });
  return (
    <Section title={t('reports.clients.vip')} query={vip} testId="vip">
      {(v) => (
        <Stack>
          <Group align="flex-end">
            <NumberInput label={t('reports.clients.threshold')} value={rubles} min={1} step={100_000} thousandSeparator=" " w={240}
              onChange={(x) => typeof x === 'number' && x > 0 && setRubles(x)} />
            {canTag && (
              <Button onClick={() => tag.mutate()} loading={tag.isPending} disabled={v.items.every((i) => i.tagged)} data-testid="vip-tag">
                {t('reports.clients.tagVip')}
              </Button>
            )}
          </Group>
          <ReportTable name="vip" caption={t('reports.clients.vip')} period={period} rows={v.items} rowKey={(r) => r.client.id} maxHeight={300}
            columns={[
              { label: t('reports.clients.client'), value: (r) => r.client.name },
              { label: t('reports.director.manager'), value: (r) => r.owner.fullName },
              { label: t('reports.director.count'), value: (r) => r.wonDeals, numeric: true },
              { label: t('reports.clients.value'), value: (r) => f.rubles(r.value), render: (r) => f.rub(r.value), numeric: true },
              { label: t('reports.clients.tagged'), value: (r) => (r.tagged ? t('reports.clients.yes') : t('reports.clients.no')) },
            ]} />
        </Stack>
      )}
    </Section>
  );
}
