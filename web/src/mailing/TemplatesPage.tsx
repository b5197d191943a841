// The template library (/mail/templates): the company's templates, a new one made from a short
// starter, each opening in the editor (/mail/templates/:id).
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { useTemplates } from './queries.ts';
import { TemplateEditor } from './TemplateEditor.tsx';

const STARTER = '<p>Здравствуйте, {{ contact.firstName | default: client.name }}!</p>\n<p>…</p>\n<p>{{ owner.fullName }}, {{ owner.email }}</p>\n<p><a href="{{ unsubscribe_url }}">Отписаться от рассылки</a></p>';

export function TemplatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const templates = useTemplates();
  const create = useMutation({
    mutationFn: () => unwrap(client.api.mail.templates.$post({ json: { name: t('mailing.newTemplate'), subject: '{{ client.name }}', html: STARTER, text: '' } })),
    onSuccess: (made) => void navigate(`/mail/templates/${made.id}`),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('mailing.library')}</Title>
        <Button onClick={() => create.mutate()} loading={create.isPending}>{t('mailing.newTemplate')}</Button>
      </Group>
      {templates.data?.items.length === 0 && <Text c="dimmed">{t('mailing.empty')}</Text>}
      <Table striped>
        <Table.Thead><Table.Tr><Table.Th>{t('mailing.name')}</Table.Th><Table.Th>{t('mailing.subject')}</Table.Th><Table.Th>{t('mailing.updated')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {templates.data?.items.map((tpl) => (
            <Table.Tr key={tpl.id}>
              <Table.Td><Anchor component={Link} to={`/mail/templates/${tpl.id}`}>{tpl.name}</Anchor></Table.Td>
              <Table.Td>{tpl.subject}</Table.Td>
              <Table.Td>{new Date(tpl.updatedAt).toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function TemplatePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <Stack>
      <Anchor component={Link} to="/mail/templates">← {t('mailing.library')}</Anchor>
      <TemplateEditor templateId={id!} />
    </Stack>
  );
}
