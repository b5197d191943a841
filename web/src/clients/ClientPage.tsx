// The client card: requisites, stage, probability, owner, tags (edited with the tree), contact
// persons and interactions. Changes are sent on the version read; when someone else saved first
// (409 with the card as it is now) the person sees their values next to the current ones and may
// apply theirs over the current version - nothing typed is thrown away.
import { Alert, Anchor, Badge, Button, Card, Checkbox, Grid, Group, Loader, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useEmployees } from '../case/queries.ts';
import { useFormat } from '../format.ts';
import { STAGE_COLOR } from './ClientsPage.tsx';
import { ClientInvoices } from '../invoices/ClientInvoices.tsx';
import { ContactsPanel } from './ContactsPanel.tsx';
import { InteractionsPanel } from './InteractionsPanel.tsx';
import { ClientEquipment } from '../service/ClientEquipment.tsx';
import { ClientComplaints } from '../complaints/ClientComplaints.tsx';
import { ClientCases } from '../calendar/ClientCases.tsx';
import { ClientDeals } from '../calendar/ClientDeals.tsx';
import { DuplicateLine } from './NewClient.tsx';
import { CLIENT_STAGES, SOURCE_CHANNELS, fieldErrors, splitPhones, tagChoices, useClient, useTags, type ClientCard, type DuplicateMatch } from './queries.ts';

/** Yellow and orange alert titles fall below AA contrast on their own background: dark text. */
const WARN = { title: { color: 'var(--mantine-color-dark-7)' } };

/** What a change may carry; `version` is added when it is sent. */
interface Patch {
  name?: string;
  inn?: string | null;
  kpp?: string | null;
  phones?: string[];
  email?: string | null;
  region?: string | null;
  legalAddress?: string | null;
  website?: string | null;
  sourceChannel?: (typeof SOURCE_CHANNELS)[number] | null;
  stage?: (typeof CLIENT_STAGES)[number];
  probability?: number | null;
  triggeringEvent?: string | null;
  interest?: string | null;
  interestReason?: string | null;
  notes?: string | null;
  marketingConsent?: boolean;
  tagIds?: string[];
  ownerId?: string;
}
type PatchKey = keyof Patch;

const TEXT_KEYS = ['name', 'inn', 'kpp', 'email', 'region', 'legalAddress', 'website'] as const;
const LONG_KEYS = ['triggeringEvent', 'interest', 'interestReason', 'notes'] as const;

/** A card's value of a patch key, in the patch's own terms. */
function currentValue(card: ClientCard, key: PatchKey): unknown {
  if (key === 'tagIds') return card.tags.map((g) => g.id);
  if (key === 'ownerId') return card.owner.id;
  return card[key];
}

/**
 * Sends a patch on a version; a 409 with `current` keeps the patch and the current card so the
 * person can compare and re-apply, a 409 with `duplicates` keeps it for "save anyway".
 */
function useClientPatch(card: ClientCard, onSaved: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [stale, setStale] = useState<{ patch: Patch; current: ClientCard } | null>(null);
  const [dups, setDups] = useState<{ patch: Patch; items: DuplicateMatch[] } | null>(null);
  const m = useMutation({
    mutationFn: (v: { patch: Patch; version: number; confirmDuplicate?: boolean }) =>
      unwrap(client.api.clients[':id'].$patch({ param: { id: card.id }, json: { ...v.patch, version: v.version, ...(v.confirmDuplicate ? { confirmDuplicate: true } : {}) } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['client', card.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
      setStale(null);
      setDups(null);
      notifications.show({ color: 'green', message: t('clients.card.saved') });
      onSaved();
    },
    onError: (err, v) => {
      if (err instanceof ApiError && err.status === 409 && err.body?.current) {
        const current = err.body.current as ClientCard;
        setStale({ patch: v.patch, current });
        queryClient.setQueryData(['client', card.id], current);
      } else if (err instanceof ApiError && err.status === 409 && Array.isArray(err.body?.duplicates)) {
        setDups({ patch: v.patch, items: err.body.duplicates as DuplicateMatch[] });
      }
    },
  });
  return { m, stale, dups, send: (patch: Patch, version = card.version) => m.mutate({ patch, version }), reset: () => { setStale(null); setDups(null); m.reset(); } };
}
type ClientPatch = ReturnType<typeof useClientPatch>;

function useShow() {
  const { t } = useTranslation();
  const tags = useTags();
  const people = useEmployees();
  return (key: PatchKey, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('clients.card.none');
    if (key === 'tagIds' && Array.isArray(v)) return (v as unknown[]).map((id) => tags.data?.items.find((g) => g.id === id)?.name ?? str(id)).join(', ') || t('clients.card.none');
    if (key === 'ownerId') return people.find((p) => p.id === v)?.name ?? str(v);
    if (key === 'stage') return t(`clients.stages.${str(v)}`);
    if (key === 'sourceChannel') return t(`clients.sources.${str(v)}`);
    return str(v);
  };
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) ? (v as unknown[]).map(str).join(', ') : JSON.stringify(v);

const FIELD_LABEL: Record<PatchKey, string> = {
  name: 'name', inn: 'inn', kpp: 'kpp', phones: 'phones', email: 'email', region: 'region', legalAddress: 'legalAddress', website: 'website',
  sourceChannel: 'source', stage: 'stage', probability: 'probability', triggeringEvent: 'triggeringEvent', interest: 'interest', interestReason: 'interestReason',
  notes: 'notes', marketingConsent: 'marketingConsent', tagIds: 'tags', ownerId: 'owner',
};

/** Someone else saved first: the person's values next to the card's, and "apply mine". */
function Conflicts({ p }: { p: ClientPatch }) {
  const { t } = useTranslation();
  const show = useShow();
  if (p.stale) {
    const { patch, current } = p.stale;
    return (
      <Alert color="orange" styles={WARN} title={t('clients.card.staleTitle')} role="alert" data-testid="stale">
        <Text size="sm" mb="xs">{t('clients.card.staleText')}</Text>
        <Table withTableBorder mb="sm" data-testid="stale-compare">
          <Table.Thead><Table.Tr><Table.Th /><Table.Th>{t('clients.card.staleMine')}</Table.Th><Table.Th>{t('clients.card.staleCurrent')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(Object.keys(patch) as PatchKey[]).map((k) => (
              <Table.Tr key={k}><Table.Th>{t(`clients.field.${FIELD_LABEL[k]}`)}</Table.Th><Table.Td>{show(k, patch[k])}</Table.Td><Table.Td>{show(k, currentValue(current, k))}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Button color="orange" onClick={() => p.send(patch, current.version)} loading={p.m.isPending}>{t('clients.card.reapply')}</Button>
      </Alert>
    );
  }
  if (p.dups) {
    const { patch, items } = p.dups;
    return (
      <Alert color="orange" styles={WARN} title={t('clients.create.dupTitle')} role="alert" data-testid="duplicate-conflict">
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>{items.map((d) => <DuplicateLine key={d.id} d={d} />)}</ul>
        <Button mt="sm" color="orange" onClick={() => p.m.mutate({ patch, version: p.m.variables?.version ?? 0, confirmDuplicate: true })}>{t('clients.create.anyway')}</Button>
      </Alert>
    );
  }
  if (p.m.error && !(p.m.error instanceof ApiError && p.m.error.problems.length)) return <Alert color="red" role="alert">{t('common.error', { message: p.m.error.message })}</Alert>;
  return null;
}

type EditDraft = Record<(typeof TEXT_KEYS)[number] | (typeof LONG_KEYS)[number] | 'phones', string> & { stage: Patch['stage']; sourceChannel: Patch['sourceChannel']; probability: number | null; marketingConsent: boolean };

const draftOf = (c: ClientCard): EditDraft => ({
  name: c.name, inn: c.inn ?? '', kpp: c.kpp ?? '', email: c.email ?? '', region: c.region ?? '', legalAddress: c.legalAddress ?? '', website: c.website ?? '',
  triggeringEvent: c.triggeringEvent ?? '', interest: c.interest ?? '', interestReason: c.interestReason ?? '', notes: c.notes ?? '', phones: c.phones.join(', '),
  stage: c.stage, sourceChannel: c.sourceChannel, probability: c.probability, marketingConsent: c.marketingConsent,
});

/** Only what the person changed goes out, so re-applying over someone else's save keeps theirs. */
function diff(from: ClientCard, d: EditDraft): Patch {
  const out: Patch = {};
  const base = draftOf(from);
  for (const k of [...TEXT_KEYS, ...LONG_KEYS]) {
    if (d[k].trim() !== base[k].trim()) (out as Record<string, unknown>)[k] = k === 'name' ? d[k].trim() : d[k].trim() || null;
  }
  if (splitPhones(d.phones).join('|') !== from.phones.join('|')) out.phones = splitPhones(d.phones);
  if (d.stage !== from.stage) out.stage = d.stage;
  if (d.sourceChannel !== from.sourceChannel) out.sourceChannel = d.sourceChannel;
  if (d.probability !== from.probability) out.probability = d.probability;
  if (d.marketingConsent !== from.marketingConsent) out.marketingConsent = d.marketingConsent;
  return out;
}

function EditForm({ card, onDone }: { card: ClientCard; onDone: () => void }) {
  const { t } = useTranslation();
  const [base] = useState(card);
  const [d, setD] = useState<EditDraft>(() => draftOf(card));
  const p = useClientPatch(card, onDone);
  const errors = fieldErrors(p.m.error);
  const set = <K extends keyof EditDraft>(k: K, v: EditDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  return (
    <form noValidate data-testid="edit-client" onSubmit={(e) => {
      e.preventDefault();
      const patch = diff(base, d);
      if (Object.keys(patch).length === 0) return onDone();
      p.send(patch, base.version);
    }}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {TEXT_KEYS.map((k) => <TextInput key={k} label={t(`clients.field.${k}`)} required={k === 'name'} value={d[k]} onChange={(e) => set(k, e.currentTarget.value)} error={errors[k]} data-field={k} />)}
          <TextInput label={t('clients.field.phones')} description={t('clients.create.phonesHint')} type="tel" value={d.phones} onChange={(e) => set('phones', e.currentTarget.value)} error={errors.phones} data-field="phones" />
          <Select label={t('clients.field.stage')} allowDeselect={false} value={d.stage ?? null} onChange={(v) => v && set('stage', v as Patch['stage'])} data={CLIENT_STAGES.map((s) => ({ value: s, label: t(`clients.stages.${s}`) }))} data-field="stage" />
          <Select label={t('clients.field.source')} clearable value={d.sourceChannel ?? null} onChange={(v) => set('sourceChannel', v as Patch['sourceChannel'])} data={SOURCE_CHANNELS.map((s) => ({ value: s, label: t(`clients.sources.${s}`) }))} data-field="sourceChannel" />
          <NumberInput label={t('clients.field.probability')} min={0} max={100} allowDecimal={false} value={d.probability ?? ''} onChange={(n) => set('probability', typeof n === 'number' ? n : null)} error={errors.probability} data-field="probability" />
          <Checkbox label={t('clients.field.marketingConsent')} checked={d.marketingConsent} onChange={(e) => set('marketingConsent', e.currentTarget.checked)} data-field="marketingConsent" mt="lg" />
        </SimpleGrid>
        {LONG_KEYS.map((k) => <Textarea key={k} label={t(`clients.field.${k}`)} autosize minRows={2} value={d[k]} onChange={(e) => set(k, e.currentTarget.value)} error={errors[k]} data-field={k} />)}
        {Object.keys(errors).length > 0 && <Text c="red.8" size="sm" role="alert">{t('clients.fixErrors')}</Text>}
        <Conflicts p={p} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('clients.card.cancel')}</Button>
          <Button type="submit" loading={p.m.isPending} disabled={Boolean(p.stale)}>{t('clients.card.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function TagsForm({ card, onDone }: { card: ClientCard; onDone: () => void }) {
  const { t } = useTranslation();
  const tags = useTags();
  const [ids, setIds] = useState(card.tags.map((g) => g.id));
  const p = useClientPatch(card, onDone);
  return (
    <Stack>
      <MultiSelect label={t('clients.field.tags')} searchable clearable data={tagChoices(tags.data?.items ?? [])} value={ids} onChange={setIds} data-testid="tags-input" />
      <Conflicts p={p} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('clients.card.cancel')}</Button>
        <Button onClick={() => p.send({ tagIds: ids })} loading={p.m.isPending} disabled={Boolean(p.stale)}>{t('clients.card.save')}</Button>
      </Group>
    </Stack>
  );
}

function ReassignForm({ card, onDone }: { card: ClientCard; onDone: () => void }) {
  const { t } = useTranslation();
  const people = useEmployees();
  const [owner, setOwner] = useState<string | null>(null);
  const p = useClientPatch(card, onDone);
  const errors = fieldErrors(p.m.error);
  return (
    <Stack>
      <Select label={t('clients.field.owner')} searchable value={owner} onChange={setOwner} data={people.filter((x) => x.id !== card.owner.id).map((x) => ({ value: x.id, label: x.name }))} error={errors.ownerId} />
      <Conflicts p={p} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('clients.card.cancel')}</Button>
        <Button onClick={() => owner && p.send({ ownerId: owner })} disabled={!owner || Boolean(p.stale)} loading={p.m.isPending}>{t('clients.card.reassignSubmit')}</Button>
      </Group>
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="start">
      <Text size="sm" c="dimmed" w={170} style={{ flexShrink: 0 }}>{label}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{value || t('clients.card.none')}</Text>
    </Group>
  );
}

export function ClientPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id } = useParams();
  const card = useClient(id);
  const [dialog, setDialog] = useState<'edit' | 'tags' | 'reassign' | null>(null);
  if (card.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!card.data) {
    return (
      <Stack maw={720} mx="auto">
        <Alert color="red" role="alert" data-testid="client-not-found">{card.error instanceof ApiError && card.error.status === 404 ? t('clients.card.notFound') : t('common.error', { message: card.error?.message ?? '' })}</Alert>
        <Anchor component={Link} to="/clients">{t('clients.card.back')}</Anchor>
      </Stack>
    );
  }
  const c = card.data;
  const close = () => setDialog(null);
  return (
    <Stack maw={1280} mx="auto">
      <Anchor component={Link} to="/clients" size="sm">{t('clients.card.back')}</Anchor>
      <Group justify="space-between" align="start">
        <div>
          <Title order={2}>{c.name}</Title>
          <Group gap="xs" mt={4}>
            <Badge color={STAGE_COLOR[c.stage] ?? 'gray'} variant="filled" tt="none" data-testid="stage">{t(`clients.stages.${c.stage}`)}</Badge>
            <Text size="sm">{c.probability === null ? t('clients.card.noProbability') : t('clients.card.probability', { value: c.probability })}</Text>
            <Text size="sm">· {t('clients.field.owner')}: <b data-testid="owner">{c.owner.name}</b></Text>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>{t('clients.card.updated', { when: fmt.dateTime(c.updatedAt), who: c.updatedBy.name })}</Text>
        </div>
        <Group gap="xs">
          {c.rights.write && <Button onClick={() => setDialog('edit')}>{t('clients.card.edit')}</Button>}
          {c.rights.reassign && <Button variant="light" onClick={() => setDialog('reassign')}>{t('clients.card.reassign')}</Button>}
        </Group>
      </Group>
      {!c.rights.write && <Text size="sm" c="dimmed">{t('clients.card.readOnly')}</Text>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Card withBorder component="section" aria-labelledby="req-title" data-testid="requisites">
              <Title order={3} size="h4" id="req-title" mb="sm">{t('clients.card.requisites')}</Title>
              <Stack gap={4}>
                <Row label={t('clients.field.kind')} value={t(`clients.kinds.${c.kind}`)} />
                <Row label={t('clients.field.inn')} value={c.inn} />
                {c.kind === 'legal' && <Row label={t('clients.field.kpp')} value={c.kpp} />}
                <Row label={t('clients.field.legalAddress')} value={c.legalAddress} />
                <Row label={t('clients.field.region')} value={c.region} />
                <Row label={t('clients.field.phones')} value={c.phones.join(', ')} />
                <Row label={t('clients.field.email')} value={c.email} />
                <Row label={t('clients.field.website')} value={c.website} />
              </Stack>
            </Card>
            <Card withBorder component="section" aria-labelledby="about-title">
              <Title order={3} size="h4" id="about-title" mb="sm">{t('clients.card.about')}</Title>
              <Stack gap={4}>
                <Row label={t('clients.field.source')} value={c.sourceChannel ? t(`clients.sources.${c.sourceChannel}`) : null} />
                <Row label={t('clients.field.triggeringEvent')} value={c.triggeringEvent} />
                <Row label={t('clients.field.interest')} value={c.interest} />
                <Row label={t('clients.field.interestReason')} value={c.interestReason} />
                <Row label={t('clients.field.notes')} value={c.notes} />
                <Row label={t('clients.field.marketingConsent')} value={t(c.marketingConsent ? 'clients.consent.yes' : 'clients.consent.no')} />
              </Stack>
            </Card>
            <Card withBorder component="section" aria-labelledby="tags-title" data-testid="tags">
              <Group justify="space-between" mb="sm">
                <Title order={3} size="h4" id="tags-title">{t('clients.card.tags')}</Title>
                {c.rights.write && <Button size="xs" variant="light" onClick={() => setDialog('tags')}>{t('clients.card.editTags')}</Button>}
              </Group>
              <Group gap={6}>
                {c.tags.length === 0 && <Text size="sm" c="dimmed">{t('clients.card.noTags')}</Text>}
                {c.tags.map((g) => <Badge key={g.id} variant="outline" color="gray" tt="none">{g.name}</Badge>)}
              </Group>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <ContactsPanel card={c} />
            <InteractionsPanel card={c} />
            <ClientInvoices clientId={c.id} />
            <ClientEquipment clientId={c.id} clientName={c.name} />
            <ClientComplaints clientId={c.id} />
            <ClientDeals clientId={c.id} />
            <ClientCases clientId={c.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Modal closeButtonProps={{ 'aria-label': t('clients.card.cancel') }} opened={dialog === 'edit'} onClose={close} title={t('clients.card.edit')} size="xl">{dialog === 'edit' && <EditForm card={c} onDone={close} />}</Modal>
      <Modal closeButtonProps={{ 'aria-label': t('clients.card.cancel') }} opened={dialog === 'tags'} onClose={close} title={t('clients.card.editTags')}>{dialog === 'tags' && <TagsForm card={c} onDone={close} />}</Modal>
      <Modal closeButtonProps={{ 'aria-label': t('clients.card.cancel') }} opened={dialog === 'reassign'} onClose={close} title={t('clients.card.reassignTitle')}>{dialog === 'reassign' && <ReassignForm card={c} onDone={close} />}</Modal>
    </Stack>
  );
}
