// The "new client" form: requisites, contacts channels, stage, probability, owner. While a person
// types an INN, phone or e-mail it warns of clients that already have it; a 409 from the API names
// the matches (name, owner, what matched) and offers to create the card anyway or open a match the
// person may see. Nothing typed is lost on an error: the values stay in the form.
import { Alert, Anchor, Button, Group, List, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useEmployees } from '../case/queries.ts';
import {
  CLIENT_KINDS, CLIENT_STAGES, SOURCE_CHANNELS, fieldErrors, splitPhones, useDuplicateCheck, useVisible,
  type ClientKind, type ClientStage, type DuplicateMatch, type SourceChannel,
} from './queries.ts';

/** Yellow and orange alert titles fall below AA contrast on their own background: dark text. */
const WARN = { title: { color: 'var(--mantine-color-dark-7)' } };

interface Draft {
  kind: ClientKind;
  name: string;
  inn: string;
  kpp: string;
  phones: string;
  email: string;
  sourceChannel: SourceChannel | null;
  stage: ClientStage;
  probability: number | null;
  ownerId: string | null;
}

const EMPTY: Draft = { kind: 'legal', name: '', inn: '', kpp: '', phones: '', email: '', sourceChannel: null, stage: 'potential', probability: null, ownerId: null };

/** One possible duplicate: its name (a link when the person may open it), owner, what matched. */
export function DuplicateLine({ d }: { d: DuplicateMatch }) {
  const { t } = useTranslation();
  const visible = useVisible(d.id);
  const what = d.matched.map((m) => `${t(`clients.matched.${m.field}`)} ${m.value}${m.via === 'contact' && m.contactName ? ` (${t('clients.matched.viaContact', { name: m.contactName })})` : ''}`).join(', ');
  return (
    <List.Item data-testid="duplicate">
      {visible.data ? <Anchor component={Link} to={`/clients/${d.id}`} fw={600}>{d.name}</Anchor> : <Text span fw={600}>{d.name}</Text>}
      {' · '}{t('clients.dupOwner', { name: d.owner.name })}{' · '}{what}
    </List.Item>
  );
}

export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const people = useEmployees();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<DuplicateMatch[] | null>(null);
  const [typed] = useDebouncedValue({ inn: draft.inn, phone: splitPhones(draft.phones)[0] ?? '', email: draft.email }, 400);
  const live = useDuplicateCheck(typed);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => (e[key] || (key === 'phones' && e.phones) ? { ...e, [key]: '' } : e));
  };

  const create = useMutation({
    mutationFn: (confirmDuplicate: boolean) => {
      const d = draft;
      return unwrap(client.api.clients.$post({
        json: {
          kind: d.kind, name: d.name.trim(), stage: d.stage,
          inn: d.inn.trim() || null, kpp: d.kpp.trim() || null, phones: splitPhones(d.phones), email: d.email.trim() || null,
          sourceChannel: d.sourceChannel, probability: d.probability,
          ...(d.ownerId ? { ownerId: d.ownerId } : {}),
          ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
        },
      }));
    },
    onSuccess: (created) => {
      notifications.show({ color: 'green', message: t('clients.create.created') });
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
      setDraft(EMPTY);
      setConflict(null);
      onClose();
      void navigate(`/clients/${created.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409 && Array.isArray(err.body?.duplicates)) {
        setConflict(err.body.duplicates as DuplicateMatch[]);
        return;
      }
      setErrors(fieldErrors(err));
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // The name is the one thing the API cannot do without; say so before asking.
    if (!draft.name.trim()) {
      setErrors({ name: t('clients.required') });
      return;
    }
    setConflict(null);
    create.mutate(false);
  };
  const generalError = create.error && !(create.error instanceof ApiError && (create.error.status === 409 || create.error.problems.length > 0)) ? create.error.message : null;
  const warn = (live.data?.items ?? []) as DuplicateMatch[];

  return (
    <Modal closeButtonProps={{ 'aria-label': t('clients.card.cancel') }} opened={opened} onClose={onClose} title={t('clients.create.title')} size="lg">
      <form onSubmit={submit} noValidate data-testid="new-client">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('clients.field.kind')} data={CLIENT_KINDS.map((k) => ({ value: k, label: t(`clients.kinds.${k}`) }))} value={draft.kind}
              onChange={(v) => v && set('kind', v)} allowDeselect={false} error={errors.kind} data-field="kind" />
            <TextInput label={t('clients.field.name')} required value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} data-field="name" />
            <TextInput label={t('clients.field.inn')} value={draft.inn} onChange={(e) => set('inn', e.currentTarget.value)} error={errors.inn} data-field="inn" inputMode="numeric" />
            <TextInput label={t('clients.field.kpp')} value={draft.kpp} onChange={(e) => set('kpp', e.currentTarget.value)} error={errors.kpp} data-field="kpp" disabled={draft.kind !== 'legal'} />
            <TextInput label={t('clients.field.phones')} description={t('clients.create.phonesHint')} value={draft.phones} onChange={(e) => set('phones', e.currentTarget.value)} error={errors.phones} data-field="phones" type="tel" />
            <TextInput label={t('clients.field.email')} value={draft.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} data-field="email" type="email" />
            <Select label={t('clients.field.source')} clearable data={SOURCE_CHANNELS.map((s) => ({ value: s, label: t(`clients.sources.${s}`) }))} value={draft.sourceChannel}
              onChange={(v) => set('sourceChannel', v)} error={errors.sourceChannel} data-field="sourceChannel" />
            <Select label={t('clients.field.stage')} data={CLIENT_STAGES.map((s) => ({ value: s, label: t(`clients.stages.${s}`) }))} value={draft.stage}
              onChange={(v) => v && set('stage', v)} allowDeselect={false} error={errors.stage} data-field="stage" />
            <NumberInput label={t('clients.field.probability')} min={0} max={100} allowDecimal={false} value={draft.probability ?? ''}
              onChange={(n) => set('probability', typeof n === 'number' ? n : null)} error={errors.probability} data-field="probability" />
            <Select label={t('clients.field.owner')} description={t('clients.create.ownerHint')} clearable searchable data={people.map((p) => ({ value: p.id, label: p.name }))}
              value={draft.ownerId} onChange={(v) => set('ownerId', v)} error={errors.ownerId} data-field="ownerId" />
          </SimpleGrid>
          {warn.length > 0 && !conflict && (
            <Alert color="yellow" styles={WARN} title={t('clients.create.dupWarn')} data-testid="duplicate-warning">
              <List size="sm">{warn.map((d) => <DuplicateLine key={d.id} d={d} />)}</List>
            </Alert>
          )}
          {conflict && (
            <Alert color="orange" styles={WARN} title={t('clients.create.dupTitle')} data-testid="duplicate-conflict" role="alert">
              <Text size="sm" mb="xs">{t('clients.create.dupText')}</Text>
              <List size="sm" mb="sm">{conflict.map((d) => <DuplicateLine key={d.id} d={d} />)}</List>
              <Group>
                <Button color="orange" onClick={() => create.mutate(true)} loading={create.isPending}>{t('clients.create.anyway')}</Button>
                <Button variant="default" onClick={() => setConflict(null)}>{t('clients.create.back')}</Button>
              </Group>
            </Alert>
          )}
          {Object.values(errors).some(Boolean) && <Text c="red.8" size="sm" role="alert">{t('clients.fixErrors')}</Text>}
          {generalError && <Alert color="red" role="alert">{t('common.error', { message: generalError })}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('clients.create.cancel')}</Button>
            <Button type="submit" loading={create.isPending && !conflict} disabled={Boolean(conflict)}>{t('clients.create.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
