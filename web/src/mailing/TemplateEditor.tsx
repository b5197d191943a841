// A mail template's editor: name, subject, HTML (a monospace text area) and text parts with the
// variables a template may use, saved on the version read (a Liquid error is shown at its field
// with the line and column), and a live preview for a chosen client in a sandboxed iframe (no
// scripts, no same-origin), rendered by the API from the unsaved content as you type.
import { Alert, Button, Grid, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../api.ts';
import { useClientList } from '../clients/queries.ts';
import { useTemplate } from './queries.ts';

interface Draft {
  name: string;
  subject: string;
  html: string;
  text: string;
}

export function TemplateEditor({ templateId }: { templateId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const template = useTemplate(templateId);
  const [draft, setDraft] = useState<Draft | undefined>();
  const [clientId, setClientId] = useState<string | null>(null);
  const clients = useClientList({ sort: 'name', limit: 100, offset: 0 });
  useEffect(() => {
    if (template.data && !draft) setDraft({ name: template.data.name, subject: template.data.subject, html: template.data.html, text: template.data.text });
  }, [template.data, draft]);
  useEffect(() => {
    const first = clients.data?.items[0]?.id;
    if (!clientId && first) setClientId(first);
  }, [clients.data, clientId]);
  const [debounced] = useDebouncedValue(draft, 400);
  const preview = useQuery({
    queryKey: ['mail-preview', templateId, clientId, debounced],
    queryFn: () => unwrap(client.api.mail.templates[':id'].preview.$post({ param: { id: templateId }, json: { clientId: clientId!, subject: debounced!.subject, html: debounced!.html, text: debounced!.text } })),
    enabled: Boolean(clientId && debounced),
    retry: false,
  });
  const save = useMutation({
    mutationFn: (d: Draft) => unwrap(client.api.mail.templates[':id'].$put({ param: { id: templateId }, json: { version: template.data!.version, ...d } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['mail-template', templateId] }),
  });
  if (template.isLoading || !draft) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (template.error) return <Text c="red">{t('common.error', { message: template.error.message })}</Text>;
  const problems = (save.error instanceof ApiError ? save.error.problems : []).concat(preview.error instanceof ApiError ? preview.error.problems : []);
  const errorOf = (field: string) => problems.find((p) => p.path === field)?.message;
  const set = (k: keyof Draft) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [k]: e.currentTarget.value });
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack>
          <TextInput label={t('mailing.name')} value={draft.name} onChange={set('name')} error={errorOf('name')} />
          <TextInput label={t('mailing.subject')} value={draft.subject} onChange={set('subject')} error={errorOf('subject')} />
          <Textarea label={t('mailing.html')} value={draft.html} onChange={set('html')} error={errorOf('html')} autosize minRows={10} maxRows={24} styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }} />
          <Textarea label={t('mailing.text')} value={draft.text} onChange={set('text')} error={errorOf('text')} autosize minRows={3} maxRows={12} styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }} />
          <Alert variant="light" title={t('mailing.variables')}><Text size="sm" style={{ wordBreak: 'break-word' }}>{t('mailing.variablesHelp')}</Text></Alert>
          {conflict && <Alert color="red">{t('mailing.conflict')}</Alert>}
          <Group>
            <Button onClick={() => save.mutate(draft)} loading={save.isPending}>{t('mailing.save')}</Button>
            {save.isSuccess && <Text c="teal" size="sm">{t('mailing.saved')}</Text>}
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack>
          <Title order={3} size="h4">{t('mailing.preview')}</Title>
          <Select label={t('mailing.previewFor')} placeholder={t('mailing.pickClient')} searchable value={clientId} onChange={setClientId}
            data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          {preview.data && (
            <>
              <Text fw={600} data-testid="preview-subject">{preview.data.subject}</Text>
              <iframe title={t('mailing.preview')} sandbox="" srcDoc={preview.data.html} style={{ width: '100%', minHeight: 360, border: '1px solid var(--mantine-color-gray-4)', borderRadius: 6, background: '#fff' }} />
              <Textarea label={t('mailing.text')} value={preview.data.text} readOnly autosize minRows={3} maxRows={10} />
            </>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
