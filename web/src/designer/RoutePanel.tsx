// The route panel (nothing selected): the route's name and description, its variables (what a
// case is started with) and the outside events it expects, with their payload and senders.
import { Button, Checkbox, Divider, Group, MultiSelect, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { subjectTypes } from '../../../domain/records/subject-fields.ts';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { Directory } from './directory.ts';
import { RemoveButton } from './inputs.tsx';

type Variables = RouteGraph['variables'];
type VarDecl = Variables[string];

function rekey<V>(rec: Record<string, V>, i: number, key: string, value: V): Record<string, V> {
  return Object.fromEntries(Object.entries(rec).map((e, j) => (j === i ? [key, value] : e)));
}
function freeKey(base: string, rec: Record<string, unknown>): string {
  for (let i = 1; ; i++) if (!(`${base}${i}` in rec)) return `${base}${i}`;
}

/** A list of typed fields: the route's variables, an event's payload. */
export function VariablesEditor({ value, onChange, testId }: { value: Variables; onChange: (v: Variables) => void; testId: string }) {
  const { t } = useTranslation();
  const entries = Object.entries(value);
  const set = (i: number, id: string, decl: VarDecl) => onChange(rekey(value, i, id, decl));
  return (
    <Stack gap={6}>
      {entries.map(([id, decl], i) => (
        <Paper key={i} withBorder p="xs" data-testid={testId}>
          <Stack gap={4}>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput label={t('designer.id')} w={120} value={id} onChange={(e) => set(i, e.currentTarget.value, decl)} />
              <TextInput label={t('designer.label')} style={{ flex: 1 }} value={decl.label ?? ''} onChange={(e) => {
                const { label: _l, ...rest } = decl;
                set(i, id, e.currentTarget.value ? { ...rest, label: e.currentTarget.value } : rest);
              }} />
              <RemoveButton label={t('designer.remove')} onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))} />
            </Group>
            <Group gap="xs" align="center">
              <Select aria-label={t('designer.type')} w={130} allowDeselect={false} value={decl.type} data={(['text', 'number', 'boolean', 'date', 'list'] as const).map((x) => ({ value: x, label: t(`designer.types.${x}`) }))}
                onChange={(x) => {
                  // A list says what it holds; other types have no `of`.
                  const { of: _of, ...rest } = decl;
                  set(i, id, x === 'list' ? { ...rest, type: 'list', of: decl.of ?? 'text' } : { ...rest, type: x ?? 'text' });
                }} />
              {decl.type === 'list' && (
                <Select aria-label={t('designer.listOf')} w={130} allowDeselect={false} value={decl.of ?? 'text'} data={(['text', 'number', 'id'] as const).map((x) => ({ value: x, label: t(`designer.listOfTypes.${x}`) }))}
                  onChange={(x) => set(i, id, { ...decl, of: x === 'number' || x === 'id' ? x : 'text' })} />
              )}
              <Checkbox label={t('designer.required')} checked={decl.required ?? false} onChange={(e) => set(i, id, { ...decl, required: e.currentTarget.checked })} />
            </Group>
          </Stack>
        </Paper>
      ))}
      <Button size="compact-xs" variant="light" onClick={() => onChange({ ...value, [freeKey('var', value)]: { type: 'text', required: false } })}>{t('designer.route.addVariable')}</Button>
    </Stack>
  );
}

export function RoutePanel({ route, onChange, dir }: { route: RouteGraph; onChange: (r: RouteGraph, key?: string) => void; dir: Directory }) {
  const { t } = useTranslation();
  const events = Object.entries(route.events);
  type EventDecl = RouteGraph['events'][string];
  const setEvent = (i: number, id: string, e: EventDecl) => onChange({ ...route, events: rekey(route.events, i, id, e) });
  return (
    <Stack gap="sm" data-testid="route-panel">
      <Title order={3} size="h5">{t('designer.route.title')}</Title>
      <TextInput label={t('designer.name')} required value={route.name} onChange={(e) => onChange({ ...route, name: e.currentTarget.value }, 'route-name')} data-field="route-name" />
      <Textarea label={t('designer.route.description')} autosize minRows={2} value={route.description ?? ''}
        onChange={(e) => {
          const { description: _d, ...rest } = route;
          onChange(e.currentTarget.value ? { ...rest, description: e.currentTarget.value } : rest, 'route-description');
        }} />
      <Select label={t('designer.route.subject')} description={t('designer.route.subjectHint')} clearable value={route.subject ?? null} data-field="route-subject"
        data={subjectTypes().map((x) => ({ value: x, label: t(`designer.route.subjects.${x}`, { defaultValue: x }) }))}
        onChange={(x) => {
          const { subject: _s, ...rest } = route;
          onChange(x ? { ...rest, subject: x } : rest, 'route-subject');
        }} />
      <Divider label={t('designer.route.variables')} labelPosition="left" />
      <Text size="xs" c="dimmed">{t('designer.route.variablesHint')}</Text>
      <VariablesEditor value={route.variables} onChange={(variables) => onChange({ ...route, variables })} testId="variable" />
      <Divider label={t('designer.route.events')} labelPosition="left" />
      {events.map(([id, e], i) => {
        const senders = e.senders ?? { participants: true, roles: [], integrations: false };
        return (
          <Paper key={i} withBorder p="xs" data-testid="event">
            <Stack gap={6}>
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <TextInput label={t('designer.id')} w={150} value={id} onChange={(ev) => setEvent(i, ev.currentTarget.value, e)} />
                <TextInput label={t('designer.label')} style={{ flex: 1 }} value={e.label ?? ''} onChange={(ev) => setEvent(i, id, { ...e, label: ev.currentTarget.value })} />
                <RemoveButton label={t('designer.remove')} onClick={() => onChange({ ...route, events: Object.fromEntries(events.filter((_, j) => j !== i)) })} />
              </Group>
              <Text size="sm" fw={500}>{t('designer.route.payload')}</Text>
              <VariablesEditor value={e.payload ?? {}} onChange={(payload) => setEvent(i, id, { ...e, payload })} testId="payload-field" />
              <Text size="sm" fw={500}>{t('designer.route.senders')}</Text>
              <Checkbox label={t('designer.route.participants')} checked={senders.participants ?? true} onChange={(ev) => setEvent(i, id, { ...e, senders: { ...senders, participants: ev.currentTarget.checked } })} />
              <MultiSelect label={t('designer.route.senderRoles')} data={dir.roles} value={senders.roles ?? []} searchable onChange={(roles) => setEvent(i, id, { ...e, senders: { ...senders, roles } })} />
              <Checkbox label={t('designer.route.integrations')} checked={senders.integrations ?? false} onChange={(ev) => setEvent(i, id, { ...e, senders: { ...senders, integrations: ev.currentTarget.checked } })} />
            </Stack>
          </Paper>
        );
      })}
      <Button size="compact-xs" variant="light" onClick={() => onChange({ ...route, events: { ...route.events, [freeKey('event', route.events)]: { payload: {} } } })}>{t('designer.route.addEvent')}</Button>
    </Stack>
  );
}
