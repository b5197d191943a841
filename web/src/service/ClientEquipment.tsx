// The client card's "Equipment" section: the client's units under service with their contract
// and status (a contract ending within 30 days marked), linking to the register filtered by name.
import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../format.ts';
import { useClientEquipment } from './queries.ts';
import { UNIT_COLOR, WHOLE_LABEL } from './ServicePage.tsx';

export function ClientEquipment({ clientId, clientName }: { clientId: string; clientName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useClientEquipment(clientId);
  return (
    <Card withBorder component="section" aria-labelledby="equipment-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="equipment-title">{t('service.clientCard.title')}</Title>
        {(q.data?.total ?? 0) > 0 && <Anchor component={Link} to={`/service?q=${encodeURIComponent(clientName)}`} size="sm">{t('service.clientCard.all')}</Anchor>}
      </Group>
      {q.isLoading && <Loader size="sm" />}
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
