// The side panel for the selected node: real forms for every field of its kind, so no one types
// JSON. Edges are drawn on the canvas; the "Leads to" pickers set the same fields from the
// keyboard.
import { Autocomplete, Button, Checkbox, Divider, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Select, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphNode, NodeOf, RouteGraph, TaskNode, ValueRef } from '../../../domain/routes/graph-schema.ts';
import { subjectFieldsOf } from '../../../domain/records/subject-fields.ts';
import type { FormField } from '../../../domain/routes/route-schema.ts';
import { sourceHandles, type RouteHandle } from '../graph/flow-model.ts';
import { referencesOf } from './condition.ts';
import type { Directory } from './directory.ts';
import { connect, disconnect } from './doc.ts';
import { handleText } from './EditorNode.tsx';
import { AssigneeInput, ConditionInput, DurationInput, RemoveButton, ValueInput } from './inputs.tsx';

const ID_RE = /^[a-z][a-z0-9_-]{0,63}$/;

export interface NodePanelProps {
  route: RouteGraph;
  node: GraphNode;
  dir: Directory;
  /** A change of this node's fields (edge fields included). */
  onChange: (node: GraphNode) => void;
  /** A change of the whole route (edges, start, id). */
  onRoute: (route: RouteGraph, key?: string) => void;
  onRename: (to: string) => void;
  onDelete: () => void;
}

/** An id field that takes effect on blur or Enter, when it is a valid and unused id. */
export function IdInput({ label, value, taken, onCommit }: { label: string; value: string; taken: (id: string) => boolean; onCommit: (id: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const error = text === value ? null : !ID_RE.test(text) ? t('designer.idRule') : taken(text) ? t('designer.idTaken') : null;
  const commit = () => {
    if (!error && text !== value) onCommit(text);
  };
  return (
    <TextInput label={label} value={text} error={error} onChange={(e) => setText(e.currentTarget.value)} onBlur={commit}
      onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} description={t('designer.idHint')} data-field="node-id" />
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={6}>
      <Divider label={title} labelPosition="left" />
      {children}
    </Stack>
  );
}

function Connections({ route, node, onRoute }: Pick<NodePanelProps, 'route' | 'node' | 'onRoute'>) {
  const { t } = useTranslation();
  const others = route.nodes.filter((n) => n.id !== node.id).map((n) => ({ value: n.id, label: `${('name' in n && n.name) || t(`designer.kind.${n.kind}`)} (${n.id})` }));
  const targetOf = (h: RouteHandle): string | undefined => {
    if (h.startsWith('branch-') && node.kind === 'decision') return node.branches[Number(h.slice(7))]?.next || undefined;
    if (h === 'otherwise' && node.kind === 'decision') return node.otherwise;
    if (h === 'timeout' && node.kind === 'wait') return node.onTimeout;
    if (h === 'join' && node.kind === 'parallel') return node.join || undefined;
    return 'next' in node ? node.next : undefined;
  };
  const data = { node, start: false };
  return (
    <Section title={t('designer.leadsTo')}>
      {sourceHandles(node).map((h) => h === 'branches' && node.kind === 'parallel' ? (
        <MultiSelect key={h} label={t('designer.parallel.branches')} description={t('designer.parallel.branchesHint')} data={others} value={node.branches}
          onChange={(ids) => {
            let r = route;
            for (const b of node.branches) if (!ids.includes(b)) r = disconnect(r, node.id, 'branches', b);
            for (const b of ids) r = connect(r, node.id, 'branches', b);
            onRoute(r);
          }} />
      ) : (
        <Select key={h} label={handleText(h, data, t)} data={h === 'join' ? others.filter((o) => route.nodes.find((n) => n.id === o.value)?.kind === 'join') : others}
          value={targetOf(h) ?? null} placeholder={t('designer.nowhere')} clearable
          onChange={(v) => {
            const old = targetOf(h);
            onRoute(v ? connect(route, node.id, h, v) : old ? disconnect(route, node.id, h, old) : route);
          }} />
      ))}
    </Section>
  );
}

function TaskFields({ node, set, route, dir }: { node: TaskNode; set: (n: TaskNode) => void; route: RouteGraph; dir: Directory }) {
  const { t } = useTranslation();
  const form = node.form ?? [];
  const outcomes = node.outcomes ?? [];
  // A draft is stored as written: fields with defaults in the language may be absent.
  const remindBefore = node.remindBefore ?? [];
  const escalations = node.escalations ?? [];
  const setForm = (f: FormField[]) => set(withList(node, 'form', f));
  return (
    <>
      <Textarea label={t('designer.task.instructions')} autosize minRows={2} value={node.instructions ?? ''} onChange={(e) => set(withText(node, 'instructions', e.currentTarget.value))} />
      <AssigneeInput label={t('designer.task.assignee')} value={node.assignee} onChange={(assignee) => set({ ...node, assignee })} dir={dir} route={route} />
      <Select label={t('designer.task.priority')} allowDeselect={false} value={node.priority ?? 'normal'} data={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({ value: p, label: t(`designer.priority.${p}`) }))}
        onChange={(p) => set({ ...node, priority: (p ?? 'normal') })} />
      <DurationInput label={t('designer.task.due')} optional value={node.due} onChange={(due) => set(due === undefined ? { ...withoutKey(withoutKey(node, 'due'), 'warnBefore'), remindBefore: [], escalations: [] } : { ...node, due })} />
      {node.due !== undefined && (
        <>
          <Section title={t('designer.task.reminders')}>
            {remindBefore.map((r, i) => (
              <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                <DurationInput label={t('designer.task.remindBefore', { n: i + 1 })} value={r} onChange={(v) => set({ ...node, remindBefore: remindBefore.map((x, j) => (j === i ? v! : x)) })} />
                <RemoveButton label={t('designer.remove')} onClick={() => set({ ...node, remindBefore: remindBefore.filter((_, j) => j !== i) })} />
              </Group>
            ))}
            <Button size="compact-xs" variant="light" onClick={() => set({ ...node, remindBefore: [...remindBefore, { working: 'PT4H' }] })}>{t('designer.task.addReminder')}</Button>
          </Section>
          <Section title={t('designer.task.warning')}>
            <Text size="xs" c="dimmed">{t('designer.task.warnHint')}</Text>
            <DurationInput label={t('designer.task.warnBefore')} optional value={node.warnBefore} onChange={(warnBefore) => set(warnBefore === undefined ? withoutKey(node, 'warnBefore') : { ...node, warnBefore })} />
          </Section>
          <Section title={t('designer.task.escalations')}>
            {escalations.map((e, i) => {
              const setE = (x: (typeof escalations)[number]) => set({ ...node, escalations: escalations.map((y, j) => (j === i ? x : y)) });
              return (
                <Paper key={i} withBorder p="xs">
                  <Stack gap={6}>
                    <Group justify="space-between"><Text size="sm" fw={600}>{t('designer.task.step', { n: i + 1 })}</Text><RemoveButton label={t('designer.remove')} onClick={() => set({ ...node, escalations: escalations.filter((_, j) => j !== i) })} /></Group>
                    <DurationInput label={t('designer.task.after')} value={e.after} onChange={(after) => setE({ ...e, after: after! })} />
                    <Select label={t('designer.task.action')} allowDeselect={false} value={e.action.type}
                      data={(['remind', 'notify-manager', 'raise-priority', 'reassign'] as const).map((a) => ({ value: a, label: t(`designer.escalation.${a}`) }))}
                      onChange={(a) => setE({ ...e, action: a === 'raise-priority' ? { type: a, to: 'urgent' } : a === 'reassign' ? { type: a, to: { type: 'role', role: '', pick: 'queue' } } : { type: (a ?? 'remind') as 'remind' } })} />
                    {e.action.type === 'raise-priority' && (
                      <Select label={t('designer.task.raiseTo')} allowDeselect={false} value={e.action.to ?? 'urgent'} data={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({ value: p, label: t(`designer.priority.${p}`) }))}
                        onChange={(p) => setE({ ...e, action: { type: 'raise-priority', to: (p ?? 'urgent') } })} />
                    )}
                    {e.action.type === 'reassign' && <AssigneeInput label={t('designer.task.reassignTo')} value={e.action.to} onChange={(to) => setE({ ...e, action: { type: 'reassign', to } })} dir={dir} route={route} />}
                  </Stack>
                </Paper>
              );
            })}
            <Button size="compact-xs" variant="light" onClick={() => set({ ...node, escalations: [...escalations, { after: { working: 'PT4H' }, action: { type: 'notify-manager' } }] })}>{t('designer.task.addEscalation')}</Button>
          </Section>
        </>
      )}
      <Section title={t('designer.task.outcomes')}>
        {outcomes.map((o, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-end" data-testid="outcome">
            <TextInput label={t('designer.id')} w={120} value={o.id} onChange={(e) => set(withList(node, 'outcomes', outcomes.map((x, j) => (j === i ? { ...x, id: e.currentTarget.value } : x))))} />
            <TextInput label={t('designer.label')} style={{ flex: 1 }} value={o.label} onChange={(e) => set(withList(node, 'outcomes', outcomes.map((x, j) => (j === i ? { ...x, label: e.currentTarget.value } : x))))} />
            <RemoveButton label={t('designer.remove')} onClick={() => set(withList(node, 'outcomes', outcomes.filter((_, j) => j !== i)))} />
          </Group>
        ))}
        <Button size="compact-xs" variant="light" onClick={() => set(withList(node, 'outcomes', [...outcomes, { id: freeId('outcome', outcomes.map((o) => o.id)), label: '' }]))}>{t('designer.task.addOutcome')}</Button>
      </Section>
      <Section title={t('designer.task.form')}>
        {form.map((f, i) => {
          const setF = (x: FormField) => setForm(form.map((y, j) => (j === i ? x : y)));
          return (
            <Paper key={i} withBorder p="xs" data-testid="form-field">
              <Stack gap={6}>
                <Group gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput label={t('designer.id')} w={110} value={f.id} onChange={(e) => setF({ ...f, id: e.currentTarget.value })} />
                  <TextInput label={t('designer.label')} style={{ flex: 1 }} value={f.label} onChange={(e) => setF({ ...f, label: e.currentTarget.value })} />
                  <RemoveButton label={t('designer.remove')} onClick={() => setForm(form.filter((_, j) => j !== i))} />
                </Group>
                <Group gap="xs" align="flex-end">
                  <Select label={t('designer.type')} w={130} allowDeselect={false} value={f.type} data={(['text', 'number', 'boolean', 'date', 'choice'] as const).map((x) => ({ value: x, label: t(`designer.types.${x}`) }))}
                    onChange={(x) => {
                      const type = (x ?? 'text');
                      const { options: _o, ...rest } = f;
                      setF(type === 'choice' ? { ...rest, type, options: f.options ?? [] } : { ...rest, type });
                    }} />
                  <Checkbox label={t('designer.required')} checked={f.required} onChange={(e) => {
                    const { requiredFor: _r, ...rest } = f;
                    setF(e.currentTarget.checked ? { ...rest, required: true } : { ...f, required: false });
                  }} />
                </Group>
                {!f.required && outcomes.length > 0 && (
                  <MultiSelect label={t('designer.requiredFor')} size="xs" clearable value={f.requiredFor ?? []} data={outcomes.map((o) => ({ value: o.id, label: o.label || o.id }))}
                    onChange={(ids) => {
                      const { requiredFor: _r, ...rest } = f;
                      setF(ids.length ? { ...rest, requiredFor: ids } : rest);
                    }} />
                )}
                {f.type === 'choice' && <TagsInput label={t('designer.options')} value={f.options ?? []} onChange={(options) => setF({ ...f, options })} />}
              </Stack>
            </Paper>
          );
        })}
        <Button size="compact-xs" variant="light" onClick={() => setForm([...form, { id: freeId('field', form.map((f) => f.id)), label: '', type: 'text', required: false }])}>{t('designer.task.addField')}</Button>
      </Section>
    </>
  );
}

function freeId(base: string, taken: string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
}
function withoutKey<T extends object>(obj: T, key: string): T {
  const { [key]: _x, ...rest } = obj as Record<string, unknown>;
  return rest as T;
}
/** An optional text field: empty text removes it. */
function withText<T extends object>(obj: T, key: string, text: string): T {
  return text === '' ? withoutKey(obj, key) : ({ ...obj, [key]: text });
}
/** An optional list: an empty one is left out (the schema wants at least one outcome when given). */
function withList<T extends object>(obj: T, key: string, list: unknown[]): T {
  return list.length === 0 ? withoutKey(obj, key) : ({ ...obj, [key]: list });
}

function DecisionFields({ node, set, route }: { node: NodeOf<'decision'>; set: (n: NodeOf<'decision'>) => void; route: RouteGraph }) {
  const { t } = useTranslation();
  const refs = referencesOf(route);
  const setB = (i: number, b: NodeOf<'decision'>['branches'][number] | null) =>
    set({ ...node, branches: b === null ? node.branches.filter((_, j) => j !== i) : node.branches.map((x, j) => (j === i ? b : x)) });
  const move = (i: number, d: number) => {
    const bs = [...node.branches];
    [bs[i], bs[i + d]] = [bs[i + d]!, bs[i]!];
    set({ ...node, branches: bs });
  };
  return (
    <Section title={t('designer.decision.branches')}>
      <Text size="xs" c="dimmed">{t('designer.decision.hint')}</Text>
      {node.branches.map((b, i) => (
        <Paper key={i} withBorder p="xs" data-testid="branch">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>{t('designer.handle.branch', { n: i + 1 })}</Text>
              <Group gap={2}>
                <Button size="compact-xs" variant="subtle" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('designer.decision.up', { n: i + 1 })}>↑</Button>
                <Button size="compact-xs" variant="subtle" disabled={i === node.branches.length - 1} onClick={() => move(i, 1)} aria-label={t('designer.decision.down', { n: i + 1 })}>↓</Button>
                {node.branches.length > 1 && <RemoveButton label={t('designer.decision.remove', { n: i + 1 })} onClick={() => setB(i, null)} />}
              </Group>
            </Group>
            <TextInput label={t('designer.label')} value={b.label ?? ''} onChange={(e) => setB(i, withText(b, 'label', e.currentTarget.value))} data-field={`branch-label-${i}`} />
            <ConditionInput value={b.when} refs={refs} onChange={(when) => setB(i, { ...b, when: when as typeof b.when })} />
          </Stack>
        </Paper>
      ))}
      <Button size="compact-xs" variant="light" onClick={() => set({ ...node, branches: [...node.branches, { label: '', when: true, next: '' }] })}>{t('designer.decision.add')}</Button>
    </Section>
  );
}

function WaitFields({ node, set, route }: { node: NodeOf<'wait'>; set: (n: NodeOf<'wait'>) => void; route: RouteGraph }) {
  const { t } = useTranslation();
  const kind = node.event !== undefined ? 'event' : node.until !== undefined ? 'until' : 'for';
  const base = withoutKey(withoutKey(withoutKey(withoutKey(withoutKey(node, 'for'), 'until'), 'event'), 'timeout'), 'onTimeout');
  const dates = Object.entries(route.variables ?? {}).filter(([, v]) => v.type === 'date').map(([id, v]) => ({ value: id, label: v.label ? `${v.label} (${id})` : id }));
  const events = Object.entries(route.events ?? {}).map(([id, e]) => ({ value: id, label: e.label ? `${e.label} (${id})` : id }));
  return (
    <>
      <SegmentedControl value={kind} aria-label={t('designer.wait.kind')} data={(['for', 'until', 'event'] as const).map((k) => ({ value: k, label: t(`designer.wait.${k}`) }))}
        onChange={(k) => set(k === 'for' ? { ...base, for: 'P1D' } : k === 'until' ? { ...base, until: { variable: dates[0]?.value ?? '', direction: 'before' } } : { ...base, event: events[0]?.value ?? '' })} />
      {kind === 'for' && <DurationInput label={t('designer.wait.forLabel')} value={node.for ?? 'P1D'} onChange={(v) => set({ ...node, for: v ?? 'P1D' })} />}
      {kind === 'until' && node.until && (
        <>
          <Select label={t('designer.wait.variable')} description={t('designer.wait.variableHint')} data={dates} value={node.until.variable || null} onChange={(v) => set({ ...node, until: { ...node.until!, variable: v ?? '' } })} />
          <DurationInput label={t('designer.wait.offset')} optional value={node.until.offset} onChange={(v) => set({ ...node, until: v === undefined ? withoutKey(node.until!, 'offset') : { ...node.until!, offset: v } })} />
          <Select label={t('designer.wait.direction')} allowDeselect={false} value={node.until.direction ?? 'before'} data={[{ value: 'before', label: t('designer.wait.before') }, { value: 'after', label: t('designer.wait.after') }]}
            onChange={(v) => set({ ...node, until: { ...node.until!, direction: v === 'after' ? 'after' : 'before' } })} />
        </>
      )}
      {kind === 'event' && (
        <>
          <Select label={t('designer.wait.eventLabel')} description={events.length ? undefined : t('designer.wait.noEvents')} data={events} value={node.event || null} onChange={(v) => set({ ...node, event: v ?? '' })} />
          <DurationInput label={t('designer.wait.timeout')} optional value={node.timeout} onChange={(v) => set(v === undefined ? withoutKey(withoutKey(node, 'timeout'), 'onTimeout') : { ...node, timeout: v })} />
        </>
      )}
    </>
  );
}

/** The fields a route's subject type allows `update-record` to set (the validator's own list). */
const recordFields = (route: RouteGraph): string[] => Object.keys((route.subject ? subjectFieldsOf(route.subject) : undefined)?.fields ?? {});

function ActionFields({ node, set, route, dir }: { node: NodeOf<'action'>; set: (n: NodeOf<'action'>) => void; route: RouteGraph; dir: Directory }) {
  const { t } = useTranslation();
  const a = node.do;
  const refs = referencesOf(route);
  return (
    <>
      <Select label={t('designer.action.type')} allowDeselect={false} value={a.type} data={(['set', 'notify', 'create-task', 'update-record', 'call'] as const).map((x) => ({ value: x, label: t(`designer.action.${x}`) }))}
        onChange={(x) => set({ ...node, do: x === 'notify' ? { type: 'notify', to: { type: 'starter' }, message: '' } : x === 'create-task' ? { type: 'create-task', name: '', assignee: { type: 'starter' } } : x === 'update-record' ? { type: 'update-record', set: { [recordFields(route)[0] ?? 'stage']: '' } } : x === 'call' ? { type: 'call', operation: '', args: {} } : { type: 'set', variable: '', value: '' } })} />
      {a.type === 'call' && (
        <>
          <Select label={t('designer.action.operation')} searchable description={dir.operations.find((o) => o.name === a.operation)?.description ?? (dir.operations.length ? undefined : t('designer.action.noOperations'))}
            data={[...new Set([...dir.operations.map((o) => o.name), ...(a.operation ? [a.operation] : [])])]} value={a.operation || null}
            onChange={(op) => {
              // A newly picked operation gets its arguments listed, required ones first, empty.
              const wanted = dir.operations.find((o) => o.name === op)?.args ?? [];
              set({ ...node, do: { ...a, operation: op ?? '', args: Object.fromEntries(wanted.filter((x) => x.required).map((x) => [x.name, a.args?.[x.name] ?? ''])) } });
            }} />
          <ArgsInput title={t('designer.action.args')} args={a.args ?? {}} known={dir.operations.find((o) => o.name === a.operation)?.args ?? []} refs={refs} onChange={(args) => set({ ...node, do: { ...a, args } })} />
        </>
      )}
      {a.type === 'update-record' && (
        <>
          <Text size="sm" c="dimmed">{route.subject ? t('designer.action.recordOf', { type: route.subject }) : t('designer.action.noSubject')}</Text>
          {Object.entries(a.set).map(([field, value], i, all) => (
            <Group key={i} align="end" wrap="nowrap" gap={4}>
              <Select label={t('designer.action.field')} w={150} allowDeselect={false} data={[...new Set([...recordFields(route), field])]} value={field}
                onChange={(f) => f && set({ ...node, do: { ...a, set: Object.fromEntries(all.map(([k, v], j) => (j === i ? [f, v] : [k, v]))) } })} />
              <ValueInput label={t('designer.action.value')} value={value} refs={refs} onChange={(v: ValueRef) => set({ ...node, do: { ...a, set: { ...a.set, [field]: v } } })} />
              <Button variant="subtle" size="xs" aria-label={t('designer.action.removeField', { field })} onClick={() => set({ ...node, do: { ...a, set: Object.fromEntries(all.filter((_, j) => j !== i)) } })}>×</Button>
            </Group>
          ))}
          <Button variant="light" size="xs" onClick={() => { const free = recordFields(route).find((f) => !(f in a.set)); if (free) set({ ...node, do: { ...a, set: { ...a.set, [free]: '' } } }); }}>{t('designer.action.addField')}</Button>
        </>
      )}
      {a.type === 'set' && (
        <>
          <Autocomplete label={t('designer.action.variable')} description={t('designer.action.variableHint')}
            data={Object.keys(route.variables ?? {})} value={a.variable} onChange={(v) => set({ ...node, do: { ...a, variable: v } })} />
          <ValueInput label={t('designer.action.value')} value={a.value} refs={refs} onChange={(value: ValueRef) => set({ ...node, do: { ...a, value } })} />
        </>
      )}
      {a.type === 'notify' && (
        <>
          <AssigneeInput label={t('designer.action.to')} value={a.to} onChange={(to) => set({ ...node, do: { ...a, to } })} dir={dir} route={route} />
          <Textarea label={t('designer.action.message')} autosize minRows={2} value={a.message} onChange={(e) => set({ ...node, do: { ...a, message: e.currentTarget.value } })} />
        </>
      )}
      {a.type === 'create-task' && (
        <>
          <TextInput label={t('designer.action.taskName')} value={a.name} onChange={(e) => set({ ...node, do: { ...a, name: e.currentTarget.value } })} />
          <Textarea label={t('designer.task.instructions')} autosize value={a.instructions ?? ''} onChange={(e) => set({ ...node, do: withText(a, 'instructions', e.currentTarget.value) })} />
          <AssigneeInput label={t('designer.task.assignee')} value={a.assignee} onChange={(assignee) => set({ ...node, do: { ...a, assignee } })} dir={dir} route={route} />
          <DurationInput label={t('designer.task.due')} optional value={a.due} onChange={(due) => set({ ...node, do: due === undefined ? withoutKey(a, 'due') : { ...a, due } })} />
        </>
      )}
    </>
  );
}

/** Arguments of an operation or a list source: a name and a literal or copied value each. */
function ArgsInput({ title, args, known, refs, onChange }: { title: string; args: Record<string, ValueRef>; known: { name: string; required: boolean }[]; refs: ReturnType<typeof referencesOf>; onChange: (a: Record<string, ValueRef>) => void }) {
  const { t } = useTranslation();
  const entries = Object.entries(args);
  const rekey = (i: number, k: string, v: ValueRef) => Object.fromEntries(entries.map((e, j) => (j === i ? [k, v] : e)));
  const free = known.find((k) => !(k.name in args));
  return (
    <Section title={title}>
      {entries.map(([k, v], i) => (
        <Paper key={i} withBorder p="xs">
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <Autocomplete label={t('designer.action.arg')} w={130} data={known.map((x) => x.name)} value={k}
              description={known.find((x) => x.name === k)?.required ? t('designer.action.required') : undefined} onChange={(name) => onChange(rekey(i, name, v))} />
            <ValueInput label={t('designer.sub.from')} value={v} refs={refs} onChange={(x) => onChange(rekey(i, k, x))} />
            <RemoveButton label={t('designer.remove')} onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))} />
          </Group>
        </Paper>
      ))}
      <Button size="compact-xs" variant="light" onClick={() => onChange({ ...args, [free?.name ?? freeId('arg', Object.keys(args))]: '' })}>{t('designer.action.addArg')}</Button>
    </Section>
  );
}

/** The counters a foreach's completeWhen may read, offered beside the route's own data. */
const FOREACH_COUNTERS = ['total', 'started', 'running', 'finished', 'succeeded', 'failed', 'cancelled'] as const;

function ForeachFields({ node, set, route, dir }: { node: NodeOf<'foreach'>; set: (n: NodeOf<'foreach'>) => void; route: RouteGraph; dir: Directory }) {
  const { t } = useTranslation();
  const refs = referencesOf(route);
  const lists = Object.entries(route.variables ?? {}).filter(([, v]) => v.type === 'list').map(([id, v]) => ({ value: `variables.${id}`, label: v.label || id }));
  const fromSource = 'source' in node.items;
  const inputs = Object.entries(node.inputs ?? {});
  const rekey = (i: number, k: string, v: ValueRef) => Object.fromEntries(inputs.map((e, j) => (j === i ? [k, v] : e)));
  const counters = FOREACH_COUNTERS.map((c) => ({ ref: `items.${c}`, type: 'number' as const, source: t('designer.kind.foreach'), label: `items.${c}` }));
  const source = 'source' in node.items ? dir.sources.find((s) => s.name === (node.items as { source: string }).source) : undefined;
  return (
    <>
      <SegmentedControl aria-label={t('designer.foreach.items')} value={fromSource ? 'source' : 'list'} data={[{ value: 'list', label: t('designer.foreach.fromList') }, { value: 'source', label: t('designer.foreach.fromSource') }]}
        onChange={(k) => set({ ...node, items: k === 'source' ? { source: dir.sources[0]?.name ?? '', args: {} } : { from: lists[0]?.value ?? '' } })} />
      {'from' in node.items && (
        <Select label={t('designer.foreach.listVariable')} description={lists.length ? undefined : t('designer.foreach.noLists')} data={lists} value={node.items.from || null} onChange={(v) => set({ ...node, items: { from: v ?? '' } })} />
      )}
      {'source' in node.items && (
        <>
          <Select label={t('designer.foreach.source')} searchable description={source?.description} data={[...new Set([...dir.sources.map((s) => s.name), ...(node.items.source ? [node.items.source] : [])])]} value={node.items.source || null}
            onChange={(v) => set({ ...node, items: { source: v ?? '', args: Object.fromEntries((dir.sources.find((s) => s.name === v)?.args ?? []).filter((a) => a.required).map((a) => [a.name, ''])) } })} />
          <ArgsInput title={t('designer.foreach.sourceArgs')} args={node.items.args ?? {}} known={source?.args ?? []} refs={refs} onChange={(args) => set({ ...node, items: { ...(node.items as { source: string }), args } })} />
        </>
      )}
      {'from' in node.items && <TextInput label={t('designer.foreach.as')} description={t('designer.foreach.asHint')} value={node.as ?? 'item'} onChange={(e) => set({ ...node, as: e.currentTarget.value })} />}
      <Select label={t('designer.foreach.route')} searchable data={node.route && !dir.routes.some((r) => r.value === node.route) ? [...dir.routes, { value: node.route, label: node.route }] : dir.routes}
        value={node.route || null} onChange={(v) => set({ ...node, route: v ?? '' })} />
      <SegmentedControl aria-label={t('designer.foreach.mode')} value={node.mode ?? 'parallel'} data={[{ value: 'parallel', label: t('designer.foreach.parallel') }, { value: 'sequential', label: t('designer.foreach.sequential') }]}
        onChange={(m) => set({ ...node, mode: m === 'sequential' ? 'sequential' : 'parallel' })} />
      {node.mode !== 'sequential' && (
        <NumberInput label={t('designer.foreach.limit')} description={t('designer.foreach.limitHint')} min={1} max={500} value={node.limit ?? 50} onChange={(c) => set({ ...node, limit: typeof c === 'number' ? c : 50 })} />
      )}
      <Section title={t('designer.foreach.inputs')}>
        {inputs.map(([k, v], i) => (
          <Paper key={i} withBorder p="xs">
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput label={t('designer.sub.childVar')} w={130} value={k} onChange={(e) => set({ ...node, inputs: rekey(i, e.currentTarget.value, v) })} />
              <ValueInput label={t('designer.sub.from')} value={v} refs={refs} onChange={(x) => set({ ...node, inputs: rekey(i, k, x) })} />
              <RemoveButton label={t('designer.remove')} onClick={() => set({ ...node, inputs: Object.fromEntries(inputs.filter((_, j) => j !== i)) })} />
            </Group>
          </Paper>
        ))}
        <Button size="compact-xs" variant="light" onClick={() => set({ ...node, inputs: { ...node.inputs, [freeId('var', Object.keys(node.inputs ?? {}))]: { from: refs[0]?.ref ?? '' } } })}>{t('designer.sub.addInput')}</Button>
      </Section>
      <Checkbox label={t('designer.foreach.early')} checked={node.completeWhen !== undefined}
        onChange={(e) => set(e.currentTarget.checked ? { ...node, completeWhen: { '>=': [{ var: 'items.succeeded' }, 1] } } : withoutKey(node, 'completeWhen'))} />
      {node.completeWhen !== undefined && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('designer.foreach.completeWhen')}</Text>
          <Text size="xs" c="dimmed">{t('designer.foreach.completeWhenHint')}</Text>
          <ConditionInput value={node.completeWhen} refs={[...counters, ...refs]} onChange={(when) => set({ ...node, completeWhen: when as typeof node.completeWhen })} />
        </Stack>
      )}
    </>
  );
}

function SubprocessFields({ node, set, route, dir }: { node: NodeOf<'subprocess'>; set: (n: NodeOf<'subprocess'>) => void; route: RouteGraph; dir: Directory }) {
  const { t } = useTranslation();
  const refs = referencesOf(route);
  const inputs = Object.entries(node.inputs ?? {});
  const outputs = Object.entries(node.outputs ?? {});
  const rekey = <V,>(entries: [string, V][], i: number, k: string, v: V) => Object.fromEntries(entries.map((e, j) => (j === i ? [k, v] : e)));
  return (
    <>
      <Select label={t('designer.sub.route')} searchable data={node.route && !dir.routes.some((r) => r.value === node.route) ? [...dir.routes, { value: node.route, label: node.route }] : dir.routes}
        value={node.route || null} onChange={(v) => set({ ...node, route: v ?? '' })} />
      <Section title={t('designer.sub.inputs')}>
        {inputs.map(([k, v], i) => (
          <Paper key={i} withBorder p="xs">
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput label={t('designer.sub.childVar')} w={130} value={k} onChange={(e) => set({ ...node, inputs: rekey(inputs, i, e.currentTarget.value, v) })} />
              <ValueInput label={t('designer.sub.from')} value={v} refs={refs} onChange={(x) => set({ ...node, inputs: rekey(inputs, i, k, x) })} />
              <RemoveButton label={t('designer.remove')} onClick={() => set({ ...node, inputs: Object.fromEntries(inputs.filter((_, j) => j !== i)) })} />
            </Group>
          </Paper>
        ))}
        <Button size="compact-xs" variant="light" onClick={() => set({ ...node, inputs: { ...node.inputs, [freeId('var', Object.keys(node.inputs ?? {}))]: { from: refs[0]?.ref ?? '' } } })}>{t('designer.sub.addInput')}</Button>
      </Section>
      <Section title={t('designer.sub.outputs')}>
        {outputs.map(([k, v], i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
            <TextInput label={t('designer.sub.ourVar')} style={{ flex: 1 }} value={k} onChange={(e) => set({ ...node, outputs: rekey(outputs, i, e.currentTarget.value, v) })} />
            <TextInput label={t('designer.sub.childVarOut')} style={{ flex: 1 }} value={v} onChange={(e) => set({ ...node, outputs: rekey(outputs, i, k, e.currentTarget.value) })} />
            <RemoveButton label={t('designer.remove')} onClick={() => set({ ...node, outputs: Object.fromEntries(outputs.filter((_, j) => j !== i)) })} />
          </Group>
        ))}
        <Button size="compact-xs" variant="light" onClick={() => set({ ...node, outputs: { ...node.outputs, [freeId('var', Object.keys(node.outputs ?? {}))]: '' } })}>{t('designer.sub.addOutput')}</Button>
      </Section>
    </>
  );
}

export function NodePanel({ route, node, dir, onChange, onRoute, onRename, onDelete }: NodePanelProps) {
  const { t } = useTranslation();
  // Each kind's fields get the node typed as that kind.
  const set = onChange;
  return (
    <Stack gap="sm" data-testid="node-panel">
      <Group justify="space-between">
        <Title order={3} size="h5">{t(`designer.kind.${node.kind}`)}</Title>
        <Group gap="xs">
          {route.start !== node.id
            ? <Button size="compact-xs" variant="light" onClick={() => onRoute({ ...route, start: node.id })}>{t('designer.makeStart')}</Button>
            : <Text size="xs" c="dimmed">{t('designer.isStart')}</Text>}
          <Button size="compact-xs" color="red" variant="light" onClick={onDelete}>{t('designer.deleteNode')}</Button>
        </Group>
      </Group>
      <TextInput label={t('designer.name')} required={node.kind === 'task'} value={'name' in node ? (node.name ?? '') : ''} data-field="node-name"
        onChange={(e) => onChange(node.kind === 'task' ? { ...node, name: e.currentTarget.value } : withText(node, 'name', e.currentTarget.value))} />
      <IdInput label={t('designer.id')} value={node.id} taken={(id) => route.nodes.some((n) => n.id === id)} onCommit={onRename} />
      {node.kind === 'task' && <TaskFields node={node} set={set} route={route} dir={dir} />}
      {node.kind === 'decision' && <DecisionFields node={node} set={set} route={route} />}
      {node.kind === 'join' && (
        <>
          <Select label={t('designer.join.mode')} allowDeselect={false} value={node.mode ?? 'all'} data={(['all', 'first', 'n'] as const).map((m) => ({ value: m, label: t(`designer.join.modes.${m}`) }))}
            onChange={(m) => set(m === 'n' ? { ...node, mode: 'n', count: node.count ?? 1 } as never : withoutKey({ ...node, mode: (m ?? 'all') as 'all' }, 'count'))} />
          {node.mode === 'n' && <NumberInput label={t('designer.join.count')} min={1} max={20} value={node.count ?? 1} onChange={(c) => set({ ...node, count: typeof c === 'number' ? c : 1 })} />}
        </>
      )}
      {node.kind === 'wait' && <WaitFields node={node} set={set} route={route} />}
      {node.kind === 'action' && <ActionFields node={node} set={set} route={route} dir={dir} />}
      {node.kind === 'subprocess' && <SubprocessFields node={node} set={set} route={route} dir={dir} />}
      {node.kind === 'foreach' && <ForeachFields node={node} set={set} route={route} dir={dir} />}
      {node.kind === 'end' && (
        <>
          <SegmentedControl aria-label={t('designer.end.result')} value={node.result ?? 'success'} data={[{ value: 'success', label: t('designer.end.success') }, { value: 'failure', label: t('designer.end.failure') }]}
            onChange={(r) => set({ ...node, result: r })} />
          <Textarea label={t('designer.end.reason')} required={node.result === 'failure'} autosize value={node.reason ?? ''} onChange={(e) => set(withText(node, 'reason', e.currentTarget.value))} />
        </>
      )}
      <Connections route={route} node={node} onRoute={onRoute} />
    </Stack>
  );
}
