// The client card's "Complaints" section: the client's complaints with their SLA clocks.
import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SlaClock } from './parts.tsx';
import { useComplaints } from './queries.ts';

export function ClientComplaints({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const list = useComplaints({ clientId, sort: '-registeredAt', offset: 0, limit: 20 });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">{t('complaints.complaintsOfClient')}</Title>
        {list.data?.items.length === 0 ? <Text c="dimmed">{t('complaints.empty')}</Text> : (
          <Table>
            <Table.Tbody>
              {list.data?.items.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td><Anchor component={Link} to={`/complaints/${k.id}`}>{k.number}</Anchor></Table.Td>
                  <Table.Td>{k.subject}</Table.Td>
                  <Table.Td>{t(`complaints.statuses.${k.status}`)}</Table.Td>
                  <Table.Td><SlaClock item={k} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
