// The visual diff of two route versions (mergeVersions in ./version-diff.ts) drawn read-only:
// added nodes green, removed ones red and ghosted (dashed, struck through) where they used to be,
// changed ones amber with the names of the fields that changed, the rest plain. Every status is
// written on the card as well, so colour is never the only sign. The app passes the status
// words, so this stays free of any page's texts.
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { sourceHandles, type RouteNodeKind } from './flow-model.ts';
import { NODE_WIDTH } from './layout.ts';
import type { DiffNodeData, DiffStatus, VersionDiffGraph } from './version-diff.ts';

export const DIFF_STYLE: Record<DiffStatus, { border: string; background: string; text: string; edge: string }> = {
  added: { border: '#2b8a3e', background: '#ebfbee', text: '#1b5e2a', edge: '#2b8a3e' },
  removed: { border: '#c92a2a', background: '#fff5f5', text: '#a61e1e', edge: '#c92a2a' },
  changed: { border: '#e67700', background: '#fff4e6', text: '#8a4500', edge: '#868e96' },
  unchanged: { border: '#adb5bd', background: '#ffffff', text: '#495057', edge: '#868e96' },
};

export interface DiffDiagramProps {
  graph: VersionDiffGraph;
  /** The words for each status, in the chosen language ("added", "removed"...). */
  statusLabels: Record<DiffStatus, string>;
  /** A field's name for people ("due" -> "срок"); the field itself when it gives none. */
  fieldLabel?: (field: string) => string;
  selected?: string;
  onNodeClick?: (nodeId: string) => void;
  height?: number | string;
  ariaLabel?: string;
}

type DiffNode = Node<DiffNodeData & { selected?: boolean }, RouteNodeKind>;
const Labels = createContext<{ status: Record<DiffStatus, string>; field: (f: string) => string }>({ status: { added: '', removed: '', changed: '', unchanged: '' }, field: (f) => f });

function DiffNodeCard({ data, type }: NodeProps<DiffNode>) {
  const { t } = useTranslation();
  const labels = useContext(Labels);
  const s = DIFF_STYLE[data.diff];
  const removed = data.diff === 'removed';
  const title = 'name' in data.node && data.node.name ? data.node.name : data.node.id;
  const handles = sourceHandles(data.node);
  const fields = [...new Set(data.fields.map((f) => labels.field(f.field.split(/[.[]/)[0] ?? f.field)))];
  return (
    <div
      data-node-id={data.node.id}
      data-diff={data.diff}
      style={{
        width: NODE_WIDTH,
        boxSizing: 'border-box',
        padding: '6px 10px 12px',
        borderRadius: data.node.kind === 'decision' ? 4 : 10,
        border: `${data.diff === 'unchanged' ? 1.5 : 2.5}px ${removed ? 'dashed' : 'solid'} ${s.border}`,
        background: s.background,
        boxShadow: data.selected ? '0 0 0 4px rgba(28, 126, 214, 0.45)' : undefined,
        fontSize: 12,
        color: '#212529',
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div style={{ fontSize: 10, textTransform: 'uppercase', letterSpacing: 0.5, color: '#495057' }}>
        {t(`graph.kind.${type}`)}
        {data.start ? ` · ${t('graph.start')}` : ''}
        {data.diff !== 'unchanged' && <span style={{ color: s.text, fontWeight: 700 }}> · {labels.status[data.diff]}</span>}
      </div>
      <div style={{ fontWeight: 600, fontSize: 13, overflowWrap: 'anywhere', textDecoration: removed ? 'line-through' : undefined, color: removed ? '#495057' : undefined }}>{title}</div>
      {fields.length > 0 && <div style={{ color: s.text, marginTop: 2 }}>{fields.join(', ')}</div>}
      {handles.map((h, i) => (
        <Handle key={h} id={h} type="source" position={Position.Bottom} isConnectable={false} style={{ left: `${((i + 1) * 100) / (handles.length + 1)}%`, background: '#868e96' }} />
      ))}
    </div>
  );
}

const nodeTypes = { task: DiffNodeCard, decision: DiffNodeCard, parallel: DiffNodeCard, join: DiffNodeCard, wait: DiffNodeCard, action: DiffNodeCard, subprocess: DiffNodeCard, foreach: DiffNodeCard, end: DiffNodeCard };

export function DiffDiagram({ graph, statusLabels, fieldLabel, selected, onNodeClick, height = 560, ariaLabel }: DiffDiagramProps) {
  const { t } = useTranslation();
  const labels = useMemo(() => ({ status: statusLabels, field: fieldLabel ?? ((f: string) => f) }), [statusLabels, fieldLabel]);
  const nodes = useMemo(() => graph.nodes.map((n) => ({ ...n, selectable: onNodeClick !== undefined, data: { ...n.data, selected: n.id === selected } })), [graph, selected, onNodeClick]);
  const edges = useMemo(
    (): Edge[] =>
      graph.edges.map((e) => {
        const diff = e.data?.diff ?? 'unchanged';
        const handleLabel = e.sourceHandle === 'next' || e.sourceHandle === 'branches' ? undefined : t(`graph.handle.${e.sourceHandle.startsWith('branch-') ? 'next' : e.sourceHandle}`);
        const label = [e.data?.label ?? handleLabel, diff === 'unchanged' ? undefined : statusLabels[diff]].filter(Boolean).join(' · ');
        return {
          ...e,
          ...(label ? { label } : {}),
          markerEnd: { type: MarkerType.ArrowClosed, color: DIFF_STYLE[diff].edge },
          style: { stroke: DIFF_STYLE[diff].edge, strokeWidth: diff === 'unchanged' ? 1 : 2, strokeDasharray: diff === 'removed' || e.sourceHandle === 'join' ? '5 4' : undefined },
        };
      }),
    [graph, statusLabels, t],
  );
  return (
    <Labels.Provider value={labels}>
      <div style={{ height, width: '100%' }} role="group" aria-label={ariaLabel ?? t('graph.diagram')} data-testid="diff-diagram">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={onNodeClick !== undefined}
          onNodeClick={onNodeClick ? (_event, node) => onNodeClick(node.id) : undefined}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </Labels.Provider>
  );
}
