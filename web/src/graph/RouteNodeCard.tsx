// One route node on the canvas: its kind, its name, a handle in for the edges arriving and one
// handle out per field it leads through (decision branches, "otherwise", timeout...). The case
// diagram adds the node's state and notes (who did it, whose inbox, timers); the designer can
// reuse the card without them.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { NodeState } from './case-overlays.ts';
import { sourceHandles, type RouteHandle, type RouteNodeData, type RouteNodeKind } from './flow-model.ts';
import { NODE_WIDTH } from './layout.ts';

export type NoteTone = 'plain' | 'alert' | 'timer';
/** A report's colour for the node (the process-timing heatmap), drawn instead of the state's. */
export interface NodeHeat { background: string; border: string; over: boolean }
export type CaseNodeData = RouteNodeData & { state?: NodeState; notes?: { text: string; tone: NoteTone }[]; heat?: NodeHeat };
export type CaseFlowNode = Node<CaseNodeData, RouteNodeKind>;

const STATE_STYLE: Record<NodeState, { border: string; background: string }> = {
  done: { border: '#2f9e44', background: '#ebfbee' },
  current: { border: '#1c7ed6', background: '#e7f5ff' },
  idle: { border: '#adb5bd', background: '#ffffff' },
};
const TONE_COLOR: Record<NoteTone, string> = { plain: '#343a40', alert: '#c92a2a', timer: '#5f3dc4' };

function handleLabel(handle: RouteHandle, data: RouteNodeData, t: (key: string) => string): string {
  if (handle.startsWith('branch-') && data.node.kind === 'decision') {
    const i = Number(handle.slice('branch-'.length));
    return data.node.branches[i]?.label ?? `${i + 1}`;
  }
  return t(`graph.handle.${handle}`);
}

export function RouteNodeCard({ data, type }: NodeProps<CaseFlowNode>) {
  const { t } = useTranslation();
  const state = data.state ?? 'idle';
  const handles = sourceHandles(data.node);
  const title = 'name' in data.node && data.node.name ? data.node.name : data.node.id;
  return (
    <div
      data-node-id={data.node.id}
      data-state={state}
      data-heat={data.heat ? (data.heat.over ? 'over' : 'within') : undefined}
      style={{
        width: NODE_WIDTH,
        boxSizing: 'border-box',
        padding: '6px 10px 14px',
        borderRadius: data.node.kind === 'decision' ? 4 : 10,
        border: data.heat ? `${data.heat.over ? 3 : 1.5}px solid ${data.heat.border}` : `${state === 'current' ? 3 : 1.5}px solid ${STATE_STYLE[state].border}`,
        background: data.heat?.background ?? STATE_STYLE[state].background,
        boxShadow: state === 'current' ? '0 0 0 4px rgba(28, 126, 214, 0.2)' : undefined,
        fontSize: 12,
        color: '#212529',
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div style={{ fontSize: 10, textTransform: 'uppercase', letterSpacing: 0.5, color: '#495057' }}>
        {t(`graph.kind.${type}`)}
        {data.start ? ` · ${t('graph.start')}` : ''}
        {state !== 'idle' ? ` · ${t(state === 'done' ? 'graph.stateDone' : 'graph.stateCurrent')}` : ''}
      </div>
      <div style={{ fontWeight: 600, fontSize: 13, overflowWrap: 'anywhere' }}>{title}</div>
      {data.node.kind === 'foreach' && <MultiInstanceMarker sequential={data.node.mode === 'sequential'} />}
      {data.notes?.map((note, i) => (
        <div key={i} style={{ color: TONE_COLOR[note.tone], marginTop: 2 }}>
          {note.text}
        </div>
      ))}
      {handles.map((h, i) => (
        <Handle
          key={h}
          id={h}
          type="source"
          position={Position.Bottom}
          isConnectable={false}
          title={handleLabel(h, data, t)}
          style={{ left: `${((i + 1) * 100) / (handles.length + 1)}%`, background: h === 'otherwise' || h === 'timeout' ? '#868e96' : '#1c7ed6' }}
        />
      ))}
    </div>
  );
}

/** BPMN's multi-instance marker: three short lines under the label (parallel: upright, sequential: lying). */
export function MultiInstanceMarker({ sequential = false }: { sequential?: boolean }) {
  const line = (i: number) => (sequential ? <rect key={i} x={0} y={i * 4} width={14} height={2} /> : <rect key={i} x={i * 5} y={0} width={2} height={12} />);
  return (
    <svg width={14} height={12} aria-hidden style={{ display: 'block', margin: '4px auto 0', fill: '#495057' }}>
      {[0, 1, 2].map(line)}
    </svg>
  );
}
