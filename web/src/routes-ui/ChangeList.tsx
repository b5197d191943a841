// The textual list of changes between two versions (GET /api/routes/{id}/diff), grouped by node:
// the route's own changes first, then one entry per added, removed or changed node with the
// fields that changed. An entry is a button: it selects its node on the diagram (and the
// diagram's selection opens its entry), so the list is also the keyboard's way through the diff.
import { Badge, List, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DIFF_STYLE } from '../graph/DiffDiagram.tsx';
import { showChangeValue, type FieldChange, type VersionDiffGraph } from '../graph/version-diff.ts';

export function useFieldLabel(): (field: string) => string {
  const { t, i18n } = useTranslation();
  return (field: string) => {
    const [head = field, ...rest] = field.split('.');
    const base = head.replace(/\[\d+\]$/, '');
    const name = i18n.exists(`routes.field.${base}`) ? t(`routes.field.${base}`) + head.slice(base.length) : head;
    return rest.length ? `${name} «${rest.join('.')}»` : name;
  };
}

function FieldLine({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const args = { field: label(change.field), before: showChangeValue(change.before), after: showChangeValue(change.after) };
  const key = change.kind === 'added' ? 'fieldAdded' : change.kind === 'removed' ? 'fieldRemoved' : 'fieldChanged';
  return <List.Item><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{t(`routes.diff.${key}`, args)}</Text></List.Item>;
}

export function ChangeList({ graph, selected, onSelect }: { graph: VersionDiffGraph; selected?: string; onSelect: (nodeId: string) => void }) {
  const { t } = useTranslation();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const changed = graph.nodes.filter((n) => n.data.diff !== 'unchanged');
  useEffect(() => {
    if (selected) refs.current.get(selected)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <Stack gap="xs" data-testid="change-list">
      {graph.routeChanges.length > 0 && (
        <Stack gap={2} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          <Text fw={600} size="sm">{t('routes.diff.route')}</Text>
          <List size="sm" spacing={2}>
            {graph.routeChanges.map((c, i) => <FieldLine key={i} change={{ kind: c.kind, field: c.path, before: c.before, after: c.after }} />)}
          </List>
        </Stack>
      )}
      {changed.map((n) => {
        const name = 'name' in n.data.node && n.data.node.name ? n.data.node.name : n.id;
        const s = DIFF_STYLE[n.data.diff];
        const key = n.data.diff === 'added' ? 'nodeAdded' : n.data.diff === 'removed' ? 'nodeRemoved' : 'nodeChanged';
        const isSelected = n.id === selected;
        return (
          <div
            key={n.id}
            data-testid="change-item"
            data-node-id={n.id}
            data-diff={n.data.diff}
            style={{ padding: 8, borderLeft: `4px ${n.data.diff === 'removed' ? 'dashed' : 'solid'} ${s.border}`, borderRadius: 6, background: isSelected ? 'var(--mantine-color-indigo-0)' : undefined }}
          >
            <UnstyledButton
              ref={(el) => { if (el) refs.current.set(n.id, el); else refs.current.delete(n.id); }}
              onClick={() => onSelect(n.id)}
              aria-pressed={isSelected}
              w="100%"
            >
              <span style={{ display: 'flex', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
                <Text span size="sm" fw={600}>{t(`routes.diff.${key}`, { node: name })}</Text>
                <Badge component="span" size="sm" variant="outline" style={{ color: s.text, borderColor: s.border, flexShrink: 0 }}>{t(`routes.diff.status.${n.data.diff}`)}</Badge>
              </span>
              <Text span size="xs" c="dimmed" ff="monospace" display="block">{n.id}</Text>
            </UnstyledButton>
            {n.data.fields.length > 0 && (isSelected || n.data.fields.length <= 3) && (
              <List size="sm" spacing={2} mt={4}>
                {n.data.fields.map((f, i) => <FieldLine key={i} change={f} />)}
              </List>
            )}
          </div>
        );
      })}
    </Stack>
  );
}
