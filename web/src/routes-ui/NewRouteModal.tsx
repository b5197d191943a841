// "New route": a key and a name. The route is created with a first draft (one end node, so the
// editor has something to draw) and the editor opens. The API decides whether the key is good
// and free; its answer is shown at the field.
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';

/** The first draft of a new route: valid JSON of the route language, ready to grow in the editor. */
export function firstDraft(name: string): Record<string, unknown> {
  return { language: 'route/v1', name, variables: {}, events: {}, start: 'finish', nodes: [{ id: 'finish', kind: 'end', result: 'success' }] };
}

export function NewRouteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ key?: string; name?: string; other?: string }>({});

  const create = useMutation({
    mutationFn: () => unwrap(client.api.routes.$post({ json: { key: key.trim(), draft: firstDraft(name.trim()) } })),
    onMutate: () => setErrors({}),
    onSuccess: async (route) => {
      await queryClient.invalidateQueries({ queryKey: ['routes'] });
      notifications.show({ message: t('routes.create.created'), color: 'green' });
      onClose();
      await navigate(`/routes/${route.id}/edit`);
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return setErrors({ other: err.message });
      const keyProblem = err.problems.find((p) => p.path === 'key');
      if (err.status === 409 && keyProblem) return setErrors({ key: t('routes.create.taken') });
      if (keyProblem) return setErrors({ key: t('routes.create.badKey') });
      setErrors({ other: err.message });
    },
  });

  const submit = () => {
    const missing = { ...(key.trim() ? {} : { key: t('routes.create.required') }), ...(name.trim() ? {} : { name: t('routes.create.required') }) };
    if (Object.keys(missing).length) return setErrors(missing);
    create.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('routes.create.title')} closeButtonProps={{ 'aria-label': t('routes.create.cancel') }}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate>
        <Stack>
          <TextInput label={t('routes.create.name')} description={t('routes.create.nameHint')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} name="name" data-autofocus />
          <TextInput label={t('routes.create.key')} description={t('routes.create.keyHint')} required value={key} onChange={(e) => setKey(e.currentTarget.value)} error={errors.key} name="key" autoComplete="off" spellCheck={false} />
          {errors.other && <Alert color="red" role="alert">{errors.other}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('routes.create.cancel')}</Button>
            <Button type="submit" loading={create.isPending}>{t('routes.create.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
