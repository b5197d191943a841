// Publishing from the route page: the saved draft is checked first; its problems are listed (with
// the way to the editor), or the designer confirms and the draft becomes the next version. The
// revision checked is the one published, so a draft changed meanwhile is refused (409), not
// published unseen.
import { Alert, Anchor, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, client, unwrap, type FieldProblem } from '../api.ts';
import type { RouteDetail } from './queries.ts';

type Step = { kind: 'idle' } | { kind: 'problems'; problems: (FieldProblem & { nodeId?: string })[] } | { kind: 'confirm'; revision: number };

export function PublishDraft({ route }: { route: RouteDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const close = () => { setStep({ kind: 'idle' }); setError(null); };

  const check = useMutation({
    mutationFn: () => unwrap(client.api.routes[':id'].validate.$post({ param: { id: route.id } })),
    onMutate: () => setError(null),
    onSuccess: (res) => setStep(res.valid ? { kind: 'confirm', revision: route.draftRevision } : { kind: 'problems', problems: res.problems }),
    onError: (err) => setError(err.message),
  });
  const publish = useMutation({
    mutationFn: (revision: number) => unwrap(client.api.routes[':id'].publish.$post({ param: { id: route.id }, json: { revision } })),
    onSuccess: async (v) => {
      close();
      notifications.show({ message: t('routes.publish.done', { version: v.version }), color: 'green' });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['route', route.id] }), queryClient.invalidateQueries({ queryKey: ['routes'] })]);
    },
    onError: async (err) => {
      if (err instanceof ApiError && err.status === 422) return setStep({ kind: 'problems', problems: err.problems });
      setError(err instanceof ApiError && err.status === 409 ? t('routes.publish.stale') : err.message);
      await queryClient.invalidateQueries({ queryKey: ['route', route.id] });
    },
  });
  const next = route.latestVersion + 1;

  return (
    <>
      <Button onClick={() => check.mutate()} loading={check.isPending} data-testid="publish">{t('routes.page.publish')}</Button>
      {error && step.kind === 'idle' && <Alert color="red" role="alert" w="100%">{error}</Alert>}
      <Modal opened={step.kind === 'problems'} onClose={close} title={t('routes.publish.problemsTitle')} size="lg" closeButtonProps={{ 'aria-label': t('routes.publish.close') }}>
        {step.kind === 'problems' && (
          <Stack data-testid="publish-problems">
            <Text>{t('routes.publish.problems', { count: step.problems.length })}</Text>
            <List spacing={4}>
              {step.problems.map((p, i) => (
                <List.Item key={i}>
                  <Text size="sm"><Text span ff="monospace" size="sm">{p.path}</Text>{p.nodeId ? ` (${t('routes.publish.node', { node: p.nodeId })})` : ''}: {p.message}</Text>
                </List.Item>
              ))}
            </List>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('routes.publish.close')}</Button>
              <Anchor component={Link} to={`/routes/${route.id}/edit`}>{t('routes.publish.fixInEditor')}</Anchor>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={step.kind === 'confirm'} onClose={close} title={t('routes.publish.confirmTitle', { version: next })} closeButtonProps={{ 'aria-label': t('routes.publish.cancel') }}>
        {step.kind === 'confirm' && (
          <Stack>
            <Text>{t('routes.publish.confirmText', { version: next, revision: step.revision })}</Text>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('routes.publish.cancel')}</Button>
              <Button onClick={() => publish.mutate(step.revision)} loading={publish.isPending} data-testid="publish-confirm">{t('routes.publish.confirm')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
