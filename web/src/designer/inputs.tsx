// The side panel's building blocks: a duration picker (number + unit, working or calendar time),
// an assignee rule with pickers of people and roles, a value (a literal or a copy of a
// reference) and the condition builder with its raw JsonLogic fallback.
import { ActionIcon, Button, Checkbox, Group, MultiSelect, NumberInput, SegmentedControl, Select, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssigneeRule, DurationSpec, RouteGraph, ValueRef } from '../../../domain/routes/graph-schema.ts';
import {
  COMPARE_OPS, coerceLiteral, emptyComparison, fromJsonLogic, isListOp, needsValue, toJsonLogic,
  type Comparison, type Group as CondGroup, type Literal, type Reference,
} from './condition.ts';
import type { Directory } from './directory.ts';
import { DURATION_UNITS, formatDuration, parseDuration, specText, withWorking } from './duration.ts';

/** A small "remove" button with a name for screen readers. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} title={label} onClick={onClick}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

export function DurationInput({ label, value, onChange, optional }: { label: string; value: DurationSpec | undefined; onChange: (v: DurationSpec | undefined) => void; optional?: boolean }) {
  const { t } = useTranslation();
  if (value === undefined) {
    return (
      <Group gap="xs">
        <Text size="sm" fw={500}>{label}:</Text>
        <Text size="sm" c="dimmed">{t('designer.duration.none')}</Text>
        <Button size="compact-xs" variant="light" onClick={() => onChange({ working: 'P1D' })}>{t('designer.duration.set', { label })}</Button>
      </Group>
    );
  }
  const parts = parseDuration(value);
  const { iso, working } = specText(value);
  return (
    <div role="group" aria-label={label}>
      <Text size="sm" fw={500}>{label}</Text>
      <Group gap="xs" align="center" wrap="nowrap">
        {parts ? (
          <>
            <NumberInput aria-label={t('designer.duration.amount', { label })} min={0} max={999} w={80} value={parts.amount}
              onChange={(n) => onChange(formatDuration({ ...parts, amount: typeof n === 'number' ? n : Number(n) || 0 }))} />
            <Select aria-label={t('designer.duration.unit', { label })} w={110} allowDeselect={false} value={parts.unit}
              data={DURATION_UNITS.map((u) => ({ value: u, label: t(`designer.duration.units.${u}`) }))}
              onChange={(u) => onChange(formatDuration({ ...parts, unit: (u ?? 'days') }))} />
          </>
        ) : (
          <TextInput aria-label={t('designer.duration.iso', { label })} w={190} value={iso} onChange={(e) => onChange(withWorking(e.currentTarget.value, working))} />
        )}
        <Checkbox label={t('designer.duration.working')} checked={working} onChange={(e) => onChange(withWorking(value, e.currentTarget.checked))} />
        {optional && <RemoveButton label={t('designer.duration.clear', { label })} onClick={() => onChange(undefined)} />}
      </Group>
    </div>
  );
}

const ASSIGNEE_TYPES = ['person', 'role', 'variable', 'manager-of', 'starter'] as const;

export function AssigneeInput({ label, value, onChange, dir, route }: { label: string; value: AssigneeRule; onChange: (v: AssigneeRule) => void; dir: Directory; route: RouteGraph }) {
  const { t } = useTranslation();
  const textVars = Object.entries(route.variables).filter(([, v]) => v.type === 'text').map(([id, v]) => ({ value: id, label: v.label ? `${v.label} (${id})` : id }));
  const tasks = route.nodes.filter((n) => n.kind === 'task').map((n) => ({ value: n.id, label: `${n.kind === 'task' ? n.name : ''} (${n.id})` }));
  const keep = (data: { value: string; label: string }[], v: string) => (v && !data.some((d) => d.value === v) ? [...data, { value: v, label: v }] : data);
  const setType = (type: (typeof ASSIGNEE_TYPES)[number]) => {
    switch (type) {
      case 'person': return onChange({ type, email: '' });
      case 'role': return onChange({ type, role: '', pick: 'queue' });
      case 'variable': return onChange({ type, variable: '' });
      case 'manager-of': return onChange({ type, step: '' });
      case 'starter': return onChange({ type });
    }
  };
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Select label={label} allowDeselect={false} value={value.type} data={ASSIGNEE_TYPES.map((a) => ({ value: a, label: t(`designer.assignee.${a}`) }))}
        onChange={(v) => setType((v ?? 'starter'))} />
      {value.type === 'person' && (
        <Select label={t('designer.assignee.pickPerson')} searchable data={keep(dir.people, value.email)} value={value.email || null} onChange={(v) => onChange({ ...value, email: v ?? '' })} />
      )}
      {value.type === 'role' && (
        <>
          <Select label={t('designer.assignee.pickRole')} searchable data={keep(dir.roles, value.role)} value={value.role || null} onChange={(v) => onChange({ ...value, role: v ?? '' })} />
          <Select label={t('designer.assignee.pick')} allowDeselect={false} value={value.pick ?? 'queue'}
            data={(['queue', 'round-robin', 'least-busy'] as const).map((p) => ({ value: p, label: t(`designer.assignee.picks.${p}`) }))}
            onChange={(v) => onChange({ ...value, pick: (v ?? 'queue') })} />
        </>
      )}
      {value.type === 'variable' && (
        <Select label={t('designer.assignee.pickVariable')} description={t('designer.assignee.variableHint')} data={keep(textVars, value.variable)} value={value.variable || null} onChange={(v) => onChange({ ...value, variable: v ?? '' })} />
      )}
      {value.type === 'manager-of' && (
        <Select label={t('designer.assignee.pickStep')} data={keep(tasks, value.step)} value={value.step || null} onChange={(v) => onChange({ ...value, step: v ?? '' })} />
      )}
    </Stack>
  );
}

type ValueMode = 'text' | 'number' | 'boolean' | 'null' | 'from';
function modeOf(v: ValueRef): ValueMode {
  if (v === null) return 'null';
  if (typeof v === 'object') return 'from';
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text';
}

/** A literal, or `{ from: <reference> }` picked from what the route declares. */
export function ValueInput({ label, value, onChange, refs }: { label: string; value: ValueRef; onChange: (v: ValueRef) => void; refs: Reference[] }) {
  const { t } = useTranslation();
  const mode = modeOf(value);
  const defaults: Record<ValueMode, ValueRef> = { text: '', number: 0, boolean: true, null: null, from: { from: refs[0]?.ref ?? '' } };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap" role="group" aria-label={label}>
      <Select label={label} w={150} allowDeselect={false} value={mode} data={(['text', 'number', 'boolean', 'null', 'from'] as const).map((m) => ({ value: m, label: t(`designer.value.${m}`) }))}
        onChange={(m) => onChange(defaults[(m ?? 'text')])} />
      {mode === 'text' && <TextInput aria-label={t('designer.value.text')} style={{ flex: 1 }} value={value as string} onChange={(e) => onChange(e.currentTarget.value)} />}
      {mode === 'number' && <NumberInput aria-label={t('designer.value.number')} style={{ flex: 1 }} value={value as number} onChange={(n) => onChange(typeof n === 'number' ? n : Number(n) || 0)} />}
      {mode === 'boolean' && (
        <Select aria-label={t('designer.value.boolean')} style={{ flex: 1 }} allowDeselect={false} value={value === true ? 'true' : 'false'} data={[{ value: 'true', label: t('designer.yes') }, { value: 'false', label: t('designer.no') }]} onChange={(v) => onChange(v === 'true')} />
      )}
      {mode === 'from' && typeof value === 'object' && value !== null && (
        <RefSelect label={t('designer.value.from')} refs={refs} value={value.from} onChange={(ref) => onChange({ from: ref })} style={{ flex: 1 }} />
      )}
    </Group>
  );
}

function refData(refs: Reference[], current: string) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const r of refs) groups.set(r.source, [...(groups.get(r.source) ?? []), { value: r.ref, label: `${r.label} · ${r.ref}` }]);
  if (current && !refs.some((r) => r.ref === current)) groups.set('?', [{ value: current, label: current }]);
  return [...groups.entries()].map(([group, items]) => ({ group, items }));
}

export function RefSelect({ label, refs, value, onChange, style }: { label: string; refs: Reference[]; value: string; onChange: (ref: string) => void; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const data = refData(refs, value).map((g) => (g.group === 'variables' ? { ...g, group: t('designer.route.variables') } : g));
  return <Select aria-label={label} placeholder={label} searchable style={style} data={data} value={value || null} onChange={(v) => onChange(v ?? '')} />;
}

function ComparisonRow({ c, onChange, onRemove, refs }: { c: Comparison; onChange: (c: Comparison) => void; onRemove: () => void; refs: Reference[] }) {
  const { t } = useTranslation();
  const ref = refs.find((r) => r.ref === c.ref);
  const list = isListOp(c.op);
  const values = (Array.isArray(c.value) ? c.value : c.value === '' || c.value === null ? [] : [c.value]).map(String);
  const one = Array.isArray(c.value) ? String(c.value[0] ?? '') : c.value === null ? '' : String(c.value);
  return (
    <Stack gap={4} data-testid="comparison">
      <RefSelect label={t('designer.cond.what')} refs={refs} value={c.ref} onChange={(r) => onChange({ ...c, ref: r })} />
      <Group gap={4} wrap="nowrap" align="flex-start">
      <Select aria-label={t('designer.cond.op')} w={120} allowDeselect={false} value={c.op} data={COMPARE_OPS.map((o) => ({ value: o, label: t(`designer.cond.ops.${o}`) }))}
        onChange={(o) => {
          const op = (o ?? '==');
          onChange({ ...c, op, value: isListOp(op) ? values.map((v) => coerceLiteral(v, ref?.type)) : needsValue(op) ? coerceLiteral(values[0] ?? '', ref?.type) : null });
        }} />
      {needsValue(c.op) && (list ? (
        ref?.options ? (
          <MultiSelect aria-label={t('designer.cond.values')} style={{ flex: 2, minWidth: 0 }} data={ref.options} value={values} onChange={(vs) => onChange({ ...c, value: vs.map((v) => coerceLiteral(v, ref.type)) })} />
        ) : (
          <TagsInput aria-label={t('designer.cond.values')} style={{ flex: 2, minWidth: 0 }} value={values} onChange={(vs) => onChange({ ...c, value: vs.map((v) => coerceLiteral(v, ref?.type)) })} />
        )
      ) : ref?.options ? (
        <Select aria-label={t('designer.cond.value')} style={{ flex: 2, minWidth: 0 }} searchable data={one && !ref.options.some((o) => o.value === one) ? [...ref.options, { value: one, label: one }] : ref.options} value={one || null} onChange={(v) => onChange({ ...c, value: v ?? '' })} />
      ) : ref?.type === 'boolean' ? (
        <Select aria-label={t('designer.cond.value')} style={{ flex: 2, minWidth: 0 }} allowDeselect={false} data={[{ value: 'true', label: t('designer.yes') }, { value: 'false', label: t('designer.no') }]} value={String(c.value === true)} onChange={(v) => onChange({ ...c, value: v === 'true' })} />
      ) : (
        <TextInput aria-label={t('designer.cond.value')} style={{ flex: 2, minWidth: 0 }} type={ref?.type === 'date' ? 'date' : 'text'} value={one} onChange={(e) => onChange({ ...c, value: coerceLiteral(e.currentTarget.value, ref?.type) })} />
      ))}
      <RemoveButton label={t('designer.cond.remove')} onClick={onRemove} />
      </Group>
    </Stack>
  );
}

function GroupEditor({ g, onChange, onRemove, refs, depth }: { g: CondGroup; onChange: (g: CondGroup) => void; onRemove?: () => void; refs: Reference[]; depth: number }) {
  const { t } = useTranslation();
  const setItem = (i: number, item: CondGroup['items'][number] | null) =>
    onChange({ ...g, items: item === null ? g.items.filter((_, j) => j !== i) : g.items.map((x, j) => (j === i ? item : x)) });
  return (
    <Stack gap={6} p={6} style={{ border: '1px dashed #adb5bd', borderRadius: 6, marginLeft: depth ? 8 : 0 }} data-testid="cond-group">
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <Checkbox label={t('designer.cond.not')} checked={g.negate} onChange={(e) => onChange({ ...g, negate: e.currentTarget.checked })} />
          <SegmentedControl size="xs" value={g.combinator} data={[{ value: 'and', label: t('designer.cond.and') }, { value: 'or', label: t('designer.cond.or') }]}
            onChange={(v) => onChange({ ...g, combinator: v })} aria-label={t('designer.cond.combinator')} />
        </Group>
        {onRemove && <RemoveButton label={t('designer.cond.removeGroup')} onClick={onRemove} />}
      </Group>
      {g.items.map((item, i) =>
        item.type === 'group'
          ? <GroupEditor key={i} g={item} refs={refs} depth={depth + 1} onChange={(x) => setItem(i, x)} onRemove={() => setItem(i, null)} />
          : <ComparisonRow key={i} c={item} refs={refs} onChange={(x) => setItem(i, x)} onRemove={() => setItem(i, null)} />,
      )}
      <Group gap="xs">
        <Button size="compact-xs" variant="light" onClick={() => onChange({ ...g, items: [...g.items, emptyComparison(refs[0]?.ref)] })}>{t('designer.cond.addComparison')}</Button>
        {depth < 4 && (
          <Button size="compact-xs" variant="light" onClick={() => onChange({ ...g, items: [...g.items, { type: 'group', combinator: g.combinator === 'and' ? 'or' : 'and', negate: false, items: [emptyComparison(refs[0]?.ref)] }] })}>
            {t('designer.cond.addGroup')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** A branch condition: the builder when it can show it, raw JsonLogic otherwise or on request. */
export function ConditionInput({ value, onChange, refs }: { value: unknown; onChange: (v: unknown) => void; refs: Reference[] }) {
  const { t } = useTranslation();
  const builder = fromJsonLogic(value);
  const [raw, setRaw] = useState(builder === null);
  const [text, setText] = useState(() => JSON.stringify(value));
  const [error, setError] = useState<string | null>(null);
  // The text follows the condition when it changes elsewhere (the builder, undo, the JSON view).
  useEffect(() => {
    setText((old) => {
      try {
        return JSON.stringify(JSON.parse(old)) === JSON.stringify(value) ? old : JSON.stringify(value);
      } catch {
        return JSON.stringify(value);
      }
    });
  }, [value]);
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <SegmentedControl size="xs" value={raw || !builder ? 'raw' : 'builder'} aria-label={t('designer.cond.mode')}
          data={[{ value: 'builder', label: t('designer.cond.builder'), disabled: !builder }, { value: 'raw', label: 'JsonLogic' }]}
          onChange={(v) => setRaw(v === 'raw')} />
        {!raw && builder && (
          <Checkbox label={t('designer.cond.always')} checked={builder.type === 'always'}
            onChange={(e) => onChange(e.currentTarget.checked ? true : toJsonLogic({ type: 'group', combinator: 'and', negate: false, items: [emptyComparison(refs[0]?.ref)] }))} />
        )}
      </Group>
      {raw || !builder ? (
        <Textarea label={t('designer.cond.raw')} description={!builder ? t('designer.cond.rawOnly') : undefined} autosize minRows={2} ff="monospace" value={text} error={error}
          onChange={(e) => {
            const s = e.currentTarget.value;
            setText(s);
            try {
              onChange(JSON.parse(s));
              setError(null);
            } catch (err) {
              setError((err as Error).message);
            }
          }} />
      ) : builder.type === 'group' ? (
        <GroupEditor g={builder} refs={refs} depth={0} onChange={(g) => onChange(g.items.length ? toJsonLogic(g) : true)} />
      ) : null}
    </Stack>
  );
}

/** A list of literals (choice options, a role list). */
export function ListInput({ label, value, onChange, data }: { label: string; value: string[]; onChange: (v: string[]) => void; data?: { value: string; label: string }[] }) {
  return data ? <MultiSelect label={label} data={data} value={value} onChange={onChange} searchable /> : <TagsInput label={label} value={value} onChange={onChange} />;
}

export type { Literal };
