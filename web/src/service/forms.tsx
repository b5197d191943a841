// The service department's write dialogs: a new installation order (sales hands it over too),
// registering equipment, planning a visit and recording its result, logging a phone consultation.
// Each opens from /service's tabs and, where it fits, from the client card with the client preset.
// A refusal marks the fields the API names (its full path, 'lines[0].model') and the dialog stays
// open with everything typed.
import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, TextInput, Textarea, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useClientDeals, useClientSearch } from '../calendar/queries.ts';
import { useFormat } from '../format.ts';
import { VISIT_KINDS, useClientEquipment } from './queries.ts';

interface Preset { id: string; name: string }

/** The API's problems by their full path; the first wins. */
function problemsOf(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const p of err.problems) out[p.path] ??= p.message;
  return out;
}

/** The API searched already: show its answers as they are. */
const asSearched: OptionsFilter = ({ options }) => options;

/** Who the buttons are offered to; the API decides for the client at hand. */
export function useServiceRights(): { service: boolean; handOver: boolean } {
  const me = useMe();
  const roles = me.data?.roles ?? [];
  const service = roles.some((r) => ['service', 'management', 'admin'].includes(r));
  return { service, handOver: service || roles.some((r) => ['sales', 'manager'].includes(r)) };
}

/** Active employees holding the service role: the engineers a visit may be given to. */
function useEngineers() {
  const { data } = useQuery({ queryKey: ['employees', 'active', 'raw'], queryFn: () => unwrap(client.api.employees.$get({ query: { active: 'true' } })), staleTime: 10 * 60_000 });
  return (data?.items ?? []).filter((e) => e.roles.includes('service')).map((e) => ({ value: e.id, label: e.fullName })).sort((a, b) => a.label.localeCompare(b.label));
}

function ClientPicker({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const clients = useClientSearch(q);
  // The service department does not see every client in the client list (only their owners'
  // line does); it reaches the clients it serves through their service records.
  const served = useQuery({
    queryKey: ['service-clients', q],
    queryFn: async () => {
      const query = { ...(q ? { q } : {}), limit: '50' };
      const [units, orders] = await Promise.all([unwrap(client.api.equipment.$get({ query })), unwrap(client.api.installations.$get({ query }))]);
      return [...units.items, ...orders.items].map((x) => x.client);
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const named = q.trim().toLocaleLowerCase();
  const options = new Map<string, string>();
  for (const c of [...(clients.data?.items ?? []), ...(served.data ?? []).filter((c) => c.name.toLocaleLowerCase().includes(named))]) options.set(c.id, c.name);
  return (
    <Select label={t('service.create.client')} placeholder={t('service.create.clientSearch')} required searchable searchValue={search} onSearchChange={setSearch}
      filter={asSearched} value={value} onChange={onChange} error={error} data-field="clientId" nothingFoundMessage={t('service.create.noClients')}
      data={[...options].map(([value, label]) => ({ value, label }))} />
  );
}

function ClientField({ preset, value, onChange, error }: { preset?: Preset | undefined; value: string | null; onChange: (v: string | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  if (preset) return <TextInput label={t('service.create.client')} value={preset.name} readOnly data-field="clientId" />;
  return <ClientPicker value={value} onChange={onChange} error={error} />;
}

function Footer({ pending, submit, onDone, error, fields }: { pending: boolean; submit: string; onDone: () => void; error: Error | null; fields: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      {error && !Object.keys(fields).length && <Alert color="red" role="alert">{error.message}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('service.form.cancel')}</Button>
        <Button type="submit" loading={pending}>{submit}</Button>
      </Group>
    </>
  );
}

const required = (t: (k: string) => string, checks: Record<string, boolean>): Record<string, string> =>
  Object.fromEntries(Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => [k, t('service.form.required')]));

function InstallationForm({ preset, onDone }: { preset?: Preset | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState<string | null>(preset?.id ?? null);
  const deals = useClientDeals(clientId ?? '');
  const [v, setV] = useState({ dealId: null as string | null, contractNumber: '', installBy: '', siteAddress: '', notes: '' });
  const [lines, setLines] = useState<{ model: string; quantity: number | string }[]>([{ model: '', quantity: 1 }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => unwrap(client.api.installations.$post({ json: {
      clientId: clientId!, dealId: v.dealId, contractNumber: v.contractNumber.trim(), installBy: v.installBy, siteAddress: v.siteAddress.trim(), notes: v.notes.trim() || null,
      lines: lines.map((l) => ({ model: l.model.trim(), quantity: Number(l.quantity) })),
    } })),
    onSuccess: async (o) => {
      notifications.show({ color: 'green', message: t('service.create.orderSaved') });
      await queryClient.invalidateQueries({ queryKey: ['installations'] });
      onDone();
      void navigate(`/service/installations/${o.id}`);
    },
    onError: (err) => setErrors(problemsOf(err)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = required(t, {
      clientId: Boolean(clientId), contractNumber: Boolean(v.contractNumber.trim()), installBy: Boolean(v.installBy), siteAddress: Boolean(v.siteAddress.trim()),
      ...Object.fromEntries(lines.flatMap((l, i) => [[`lines[${i}].model`, Boolean(l.model.trim())], [`lines[${i}].quantity`, Number(l.quantity) >= 1]])),
    });
    setErrors(missing);
    if (!Object.keys(missing).length) save.mutate();
  };
  const text = (key: 'contractNumber' | 'siteAddress' | 'installBy', label: string, extra: { type?: string } = {}) => (
    <TextInput label={label} required value={v[key]} onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })} error={errors[key]} data-field={key} {...extra} />
  );
  return (
    <form noValidate data-testid="new-installation-form" onSubmit={submit}>
      <Stack gap="sm">
        <ClientField preset={preset} value={clientId} onChange={(c) => { setClientId(c); setV({ ...v, dealId: null }); }} error={errors.clientId} />
        {clientId && <Select label={t('service.create.deal')} placeholder={t('service.create.noDeal')} clearable value={v.dealId} onChange={(d) => setV({ ...v, dealId: d })} error={errors.dealId} data-field="dealId"
          data={(deals.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))} />}
        <SimpleGrid cols={2}>
          {text('contractNumber', t('service.create.contractNumber'))}
          {text('installBy', t('service.create.installBy'), { type: 'date' })}
        </SimpleGrid>
        {text('siteAddress', t('service.create.siteAddress'))}
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead><Table.Tr><Table.Th>{t('service.col.model')}</Table.Th><Table.Th w={110}>{t('service.col.quantity')}</Table.Th><Table.Th w={40} /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td><TextInput aria-label={`${t('service.col.model')} ${i + 1}`} value={l.model} onChange={(e) => setLines(lines.map((x, n) => (n === i ? { ...x, model: e.currentTarget.value } : x)))} error={errors[`lines[${i}].model`]} data-field={`model${i}`} /></Table.Td>
                <Table.Td><NumberInput aria-label={`${t('service.col.quantity')} ${i + 1}`} min={1} max={1000} allowDecimal={false} value={l.quantity} onChange={(q) => setLines(lines.map((x, n) => (n === i ? { ...x, quantity: q } : x)))} error={errors[`lines[${i}].quantity`]} data-field={`quantity${i}`} /></Table.Td>
                <Table.Td>{lines.length > 1 && <ActionIcon variant="subtle" color="red" aria-label={t('service.create.removeLine', { n: i + 1 })} onClick={() => setLines(lines.filter((_, n) => n !== i))}>×</ActionIcon>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {errors.lines && <Alert color="red" role="alert">{errors.lines}</Alert>}
        <Group><Button variant="light" size="xs" onClick={() => setLines([...lines, { model: '', quantity: 1 }])}>{t('service.create.addLine')}</Button></Group>
        <Textarea label={t('service.order.notes')} autosize minRows={2} value={v.notes} onChange={(e) => setV({ ...v, notes: e.currentTarget.value })} error={errors.notes} />
        <Footer pending={save.isPending} submit={t('service.create.orderSubmit')} onDone={onDone} error={save.error} fields={errors} />
      </Stack>
    </form>
  );
}

function EquipmentForm({ preset, onDone }: { preset?: Preset | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState<string | null>(preset?.id ?? null);
  const [v, setV] = useState({ model: '', serialNumber: '', siteAddress: '', contractNumber: '', contractFrom: '', contractTo: '', installedOn: '', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const orNull = (s: string) => s.trim() || null;
  const save = useMutation({
    mutationFn: () => unwrap(client.api.equipment.$post({ json: {
      clientId: clientId!, model: v.model.trim(), serialNumber: v.serialNumber.trim(), siteAddress: v.siteAddress.trim(),
      contractNumber: orNull(v.contractNumber), contractFrom: orNull(v.contractFrom), contractTo: orNull(v.contractTo), installedOn: orNull(v.installedOn), notes: orNull(v.notes),
    } })),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('service.create.equipmentSaved') });
      await queryClient.invalidateQueries({ queryKey: ['equipment'] });
      onDone();
    },
    onError: (err) => setErrors(problemsOf(err)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = required(t, { clientId: Boolean(clientId), model: Boolean(v.model.trim()), serialNumber: Boolean(v.serialNumber.trim()), siteAddress: Boolean(v.siteAddress.trim()) });
    setErrors(missing);
    if (!Object.keys(missing).length) save.mutate();
  };
  const field = (key: keyof typeof v, label: string, extra: { type?: string; required?: boolean } = {}) => (
    <TextInput label={label} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })} error={errors[key]} data-field={key} {...extra} />
  );
  return (
    <form noValidate data-testid="new-equipment-form" onSubmit={submit}>
      <Stack gap="sm">
        <ClientField preset={preset} value={clientId} onChange={setClientId} error={errors.clientId} />
        <SimpleGrid cols={2}>
          {field('model', t('service.col.model'), { required: true })}
          {field('serialNumber', t('service.col.serial'), { required: true })}
        </SimpleGrid>
        {field('siteAddress', t('service.create.siteAddress'), { required: true })}
        <SimpleGrid cols={2}>
          {field('contractNumber', t('service.form.contractNumber'))}
          {field('installedOn', t('service.col.installedOn'), { type: 'date' })}
          {field('contractFrom', t('service.form.validFrom'), { type: 'date' })}
          {field('contractTo', t('service.form.validTo'), { type: 'date' })}
        </SimpleGrid>
        <Textarea label={t('service.order.notes')} autosize minRows={2} value={v.notes} onChange={(e) => setV({ ...v, notes: e.currentTarget.value })} error={errors.notes} />
        <Footer pending={save.isPending} submit={t('service.create.equipmentSubmit')} onDone={onDone} error={save.error} fields={errors} />
      </Stack>
    </form>
  );
}

/** Equipment searched in the register (serial, model, client), or only the preset client's. */
function EquipmentField({ clientId, value, onChange, error, required: isRequired, label }: { clientId?: string | undefined; value: string | null; onChange: (v: string | null) => void; error?: string | undefined; required?: boolean; label: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const all = useQuery({
    queryKey: ['equipment', 'pick', q], enabled: !clientId,
    queryFn: () => unwrap(client.api.equipment.$get({ query: { ...(q ? { q } : {}), sort: 'client', limit: '30' } })),
  });
  const own = useClientEquipment(clientId ?? '');
  const items = (clientId ? own.data?.items : all.data?.items) ?? [];
  return (
    <Select label={label} placeholder={t('service.create.equipmentSearch')} required={isRequired} clearable={!isRequired} searchable
      {...(clientId ? {} : { searchValue: search, onSearchChange: setSearch, filter: asSearched })}
      value={value} onChange={onChange} error={error} data-field="equipmentId" nothingFoundMessage={t('service.empty')}
      data={items.map((u) => ({ value: u.id, label: `${u.model} · ${u.serialNumber}${clientId ? '' : ` · ${u.client.name}`}` }))} />
  );
}

function VisitForm({ clientId, onDone }: { clientId?: string | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const engineers = useEngineers();
  const [v, setV] = useState({ equipmentId: null as string | null, plannedDate: '', engineerId: null as string | null, kind: 'maintenance' as (typeof VISIT_KINDS)[number] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => unwrap(client.api['service-visits'].$post({ json: { equipmentId: v.equipmentId!, plannedDate: v.plannedDate, engineerId: v.engineerId!, kind: v.kind } })),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('service.create.visitSaved') });
      await queryClient.invalidateQueries({ queryKey: ['service-visits'] });
      onDone();
    },
    onError: (err) => setErrors(problemsOf(err)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = required(t, { equipmentId: Boolean(v.equipmentId), plannedDate: Boolean(v.plannedDate), engineerId: Boolean(v.engineerId) });
    setErrors(missing);
    if (!Object.keys(missing).length) save.mutate();
  };
  return (
    <form noValidate data-testid="new-visit-form" onSubmit={submit}>
      <Stack gap="sm">
        <EquipmentField clientId={clientId} label={t('service.col.equipment')} required value={v.equipmentId} onChange={(x) => setV({ ...v, equipmentId: x })} error={errors.equipmentId} />
        <SimpleGrid cols={2}>
          <TextInput type="date" label={t('service.create.plannedDate')} required value={v.plannedDate} onChange={(e) => setV({ ...v, plannedDate: e.currentTarget.value })} error={errors.plannedDate} data-field="plannedDate" />
          <Select label={t('service.kind')} allowDeselect={false} value={v.kind} onChange={(k) => k && setV({ ...v, kind: k })} data={VISIT_KINDS.map((k) => ({ value: k, label: t(`service.visitKinds.${k}`) }))} data-field="kind" />
        </SimpleGrid>
        <Select label={t('service.engineer')} required searchable value={v.engineerId} onChange={(x) => setV({ ...v, engineerId: x })} error={errors.engineerId} data={engineers} data-field="engineerId" />
        <Footer pending={save.isPending} submit={t('service.create.visitSubmit')} onDone={onDone} error={save.error} fields={errors} />
      </Stack>
    </form>
  );
}

export interface VisitRow { id: string; version: number; plannedDate: string; equipment: { model: string; serialNumber: string } }

function ResultForm({ visit, onDone }: { visit: VisitRow; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [result, setResult] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [version, setVersion] = useState(visit.version);
  const save = useMutation({
    mutationFn: () => unwrap(client.api['service-visits'][':id'].$patch({ param: { id: visit.id }, json: { version, result: result.trim(), doneAt: new Date().toISOString() } })),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('service.create.resultSaved') });
      await queryClient.invalidateQueries({ queryKey: ['service-visits'] });
      onDone();
    },
    onError: (err) => {
      // Someone changed the visit meanwhile: what was typed stays, the next send goes on the current version.
      const current = err instanceof ApiError && err.status === 409 ? err.body?.current : undefined;
      if (current && typeof current === 'object' && 'version' in current && typeof current.version === 'number') setVersion(current.version);
      setErrors(err instanceof ApiError && err.status === 409 ? { stale: t('service.create.stale') } : problemsOf(err));
    },
  });
  return (
    <form noValidate data-testid="visit-result-form" onSubmit={(e) => { e.preventDefault(); if (!result.trim()) return setErrors({ result: t('service.form.required') }); setErrors({}); save.mutate(); }}>
      <Stack gap="sm">
        <TextInput label={t('service.col.equipment')} readOnly value={`${visit.equipment.model} · ${visit.equipment.serialNumber} · ${fmt.date(visit.plannedDate)}`} />
        <Textarea label={t('service.col.result')} required autosize minRows={3} value={result} onChange={(e) => setResult(e.currentTarget.value)} error={errors.result} data-field="result" />
        {errors.stale && <Alert color="orange" role="alert">{errors.stale}</Alert>}
        <Footer pending={save.isPending} submit={t('service.create.resultSubmit')} onDone={onDone} error={save.error} fields={errors} />
      </Stack>
    </form>
  );
}

function ConsultationForm({ preset, onDone }: { preset?: Preset | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState<string | null>(preset?.id ?? null);
  const [v, setV] = useState({ equipmentId: null as string | null, question: '', answer: '', durationMinutes: 10 as number | string });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => unwrap(client.api.consultations.$post({ json: {
      clientId: clientId!, equipmentId: v.equipmentId, question: v.question.trim(), answer: v.answer.trim() || null, durationMinutes: Number(v.durationMinutes),
    } })),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('service.create.consultationSaved') });
      await queryClient.invalidateQueries({ queryKey: ['consultations'] });
      onDone();
    },
    onError: (err) => setErrors(problemsOf(err)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = required(t, { clientId: Boolean(clientId), question: Boolean(v.question.trim()), durationMinutes: v.durationMinutes !== '' });
    setErrors(missing);
    if (!Object.keys(missing).length) save.mutate();
  };
  return (
    <form noValidate data-testid="new-consultation-form" onSubmit={submit}>
      <Stack gap="sm">
        <ClientField preset={preset} value={clientId} onChange={(c) => { setClientId(c); setV({ ...v, equipmentId: null }); }} error={errors.clientId} />
        {clientId && <EquipmentField key={clientId} clientId={clientId} label={t('service.create.aboutEquipment')} value={v.equipmentId} onChange={(x) => setV({ ...v, equipmentId: x })} error={errors.equipmentId} />}
        <Textarea label={t('service.col.question')} required autosize minRows={2} value={v.question} onChange={(e) => setV({ ...v, question: e.currentTarget.value })} error={errors.question} data-field="question" />
        <Textarea label={t('service.col.answer')} autosize minRows={2} value={v.answer} onChange={(e) => setV({ ...v, answer: e.currentTarget.value })} error={errors.answer} data-field="answer" />
        <NumberInput label={t('service.create.minutes')} min={0} max={600} allowDecimal={false} w={160} value={v.durationMinutes} onChange={(m) => setV({ ...v, durationMinutes: m })} error={errors.durationMinutes} data-field="durationMinutes" />
        <Footer pending={save.isPending} submit={t('service.create.consultationSubmit')} onDone={onDone} error={save.error} fields={errors} />
      </Stack>
    </form>
  );
}

export type ServiceDialog = 'installation' | 'equipment' | 'visit' | 'consultation';

/** A button opening one of the dialogs; `client` presets the client (the client card). */
export function ServiceDialogButton({ dialog, client: preset, size, variant }: { dialog: ServiceDialog; client?: Preset | undefined; size?: 'xs' | 'sm'; variant?: 'filled' | 'light' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const done = () => setOpen(false);
  const forms: Record<ServiceDialog, ReactNode> = {
    installation: <InstallationForm preset={preset} onDone={done} />,
    equipment: <EquipmentForm preset={preset} onDone={done} />,
    visit: <VisitForm clientId={preset?.id} onDone={done} />,
    consultation: <ConsultationForm preset={preset} onDone={done} />,
  };
  return (
    <>
      <Button size={size} variant={variant} onClick={() => setOpen(true)} data-testid={`new-${dialog}`}>{t(`service.create.${dialog}Button`)}</Button>
      <Modal opened={open} onClose={done} title={t(`service.create.${dialog}Title`)} size={dialog === 'installation' ? 'lg' : 'md'} closeButtonProps={{ 'aria-label': t('service.form.cancel') }}>
        {open && forms[dialog]}
      </Modal>
    </>
  );
}

/** "Record result" on a planned visit's row. */
export function VisitResultButton({ visit }: { visit: VisitRow }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)}>{t('service.create.resultButton')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('service.create.resultTitle')} closeButtonProps={{ 'aria-label': t('service.form.cancel') }}>
        {open && <ResultForm visit={visit} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}
