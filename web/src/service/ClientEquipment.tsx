// The client card's "Equipment" section: the client's units under service with their contract
// and status (a contract ending within 30 days marked), linking to the register filtered by name;
// the service department registers equipment, plans visits and logs calls here, and whoever may
// change the client hands an installation order over.
import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../format.ts';
import { useClient } from '../clients/queries.ts';
import { ServiceDialogButton, useServiceRights } from './forms.tsx';
import { useClientEquipment } from './queries.ts';
import { UNIT_COLOR, WHOLE_LABEL } from './ServicePage.tsx';

export function ClientEquipment({ clientId, clientName }: { clientId: string; clientName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useClientEquipment(clientId);
  const rights = useServiceRights();
  // The card is in the cache already; whoever may change the client hands its installations over.
  const card = useClient(clientId);
  const handOver = rights.service || (card.data?.rights.write ?? false);
  const preset = { id: clientId, name: clientName };
  return (
    <Card withBorder component="section" aria-labelledby="equipment-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="equipment-title">{t('service.clientCard.title')}</Title>
        {(q.data?.total ?? 0) > 0 && <Anchor component={Link} to={`/service?q=${encodeURIComponent(clientName)}`} size="sm">{t('service.clientCard.all')}</Anchor>}
      </Group>
      {(rights.service || handOver) && (
        <Group gap="xs" mb="sm" data-testid="client-service-actions">
          {handOver && <ServiceDialogButton dialog="installation" client={preset} size="xs" variant="light" />}
          {rights.service && <>
            <ServiceDialogButton dialog="equipment" client={preset} size="xs" variant="light" />
            {(q.data?.total ?? 0) > 0 && <ServiceDialogButton dialog="visit" client={preset} size="xs" variant="light" />}
            <ServiceDialogButton dialog="consultation" client={preset} size="xs" variant="light" />
          </>}
        </Group>
      )}
      {q.isLoading && <Loader size="sm" role="status" aria-label={t('common.loading')} />}
      {q.data && !q.data.items.length && <Text c="dimmed">{t('service.clientCard.empty')}</Text>}
      <Stack gap="xs">
        {q.data?.items.map((u) => (
          <Group key={u.id} justify="space-between" wrap="nowrap" data-testid="client-unit">
            <div>
              <Text>{u.model} · <Text span ff="monospace" size="sm">{u.serialNumber}</Text></Text>
              <Text size="sm" c="dimmed">{u.contractNumber ?? '—'}{u.contractTo ? ` · ${t('service.col.contractTo')} ${fmt.date(u.contractTo)}` : ''}</Text>
            </div>
            <Group gap={4} wrap="nowrap">
              {u.expiringSoon && <Badge styles={WHOLE_LABEL} color="yellow.4" variant="filled" autoContrast size="sm">{t('service.expiringSoon')}</Badge>}
              <Badge styles={WHOLE_LABEL} color={UNIT_COLOR[u.status]} variant="filled">{t(`service.equipmentStatus.${u.status}`)}</Badge>
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
