// A route node on the designer's canvas: its kind, name and id, a handle in at the top and one
// typed handle out per field it leads through (a decision's branches and "otherwise", a wait's
// timeout, a split's branches and join), each labelled; a red outline and the messages when the
// last validation found problems with it.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { sourceHandles, type RouteHandle, type RouteNodeData, type RouteNodeKind } from '../graph/flow-model.ts';
import { NODE_WIDTH } from '../graph/layout.ts';

export type EditorNodeData = RouteNodeData & { problems: string[] };
export type EditorFlowNode = Node<EditorNodeData, RouteNodeKind>;

const KIND_COLOR: Record<RouteNodeKind, string> = {
  task: '#364fc7', decision: '#e67700', parallel: '#0b7285', join: '#0b7285', wait: '#5f3dc4', action: '#2b8a3e', subprocess: '#862e9c', foreach: '#a61e4d', end: '#495057',
};

export function handleText(handle: RouteHandle, data: RouteNodeData, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (handle.startsWith('branch-') && data.node.kind === 'decision') {
    const i = Number(handle.slice('branch-'.length));
    const label = data.node.branches[i]?.label;
    return label ? label : t('designer.handle.branch', { n: i + 1 });
  }
  return t(`designer.handle.${handle}`);
}

export function EditorNode({ data, type, selected }: NodeProps<EditorFlowNode>) {
  const { t } = useTranslation();
  const handles = sourceHandles(data.node);
  const title = 'name' in data.node && data.node.name ? data.node.name : data.node.id;
  const bad = data.problems.length > 0;
  return (
    <div
      data-node-id={data.node.id}
      data-kind={type}
      data-problem={bad ? 'true' : undefined}
      style={{
        width: NODE_WIDTH,
        boxSizing: 'border-box',
        padding: '6px 10px 22px',
        borderRadius: type === 'decision' ? 4 : type === 'end' ? 24 : 10,
        border: `${bad || selected ? 3 : 1.5}px solid ${bad ? '#e03131' : selected ? '#1c7ed6' : KIND_COLOR[type]}`,
        boxShadow: selected ? '0 0 0 4px rgba(28, 126, 214, 0.25)' : undefined,
        background: '#fff',
        fontSize: 12,
        color: '#212529',
      }}
    >
      <Handle type="target" position={Position.Top} style={{ width: 10, height: 10 }} />
      <div style={{ fontSize: 10, textTransform: 'uppercase', letterSpacing: 0.5, color: KIND_COLOR[type], fontWeight: 700 }}>
        {t(`designer.kind.${type}`)}
        {data.start ? ` · ${t('designer.startNode')}` : ''}
      </div>
      <div style={{ fontWeight: 600, fontSize: 13, overflowWrap: 'anywhere' }}>{title}</div>
      <div style={{ color: '#495057', fontSize: 11 }}>{data.node.id}</div>
      {data.problems.map((p, i) => (
        <div key={i} style={{ color: '#c92a2a', marginTop: 2, fontSize: 11 }} data-testid="node-problem">{p}</div>
      ))}
      {handles.map((h, i) => {
        const left = `${((i + 1) * 100) / (handles.length + 1)}%`;
        const muted = h === 'otherwise' || h === 'timeout' || h === 'join';
        return (
          <div key={h}>
            <span style={{ position: 'absolute', bottom: 6, left, transform: 'translateX(-50%)', fontSize: 10, color: '#343a40', whiteSpace: 'nowrap', maxWidth: NODE_WIDTH / (handles.length + 1) - 4, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {handleText(h, data, t)}
            </span>
            <Handle
              id={h}
              type="source"
              position={Position.Bottom}
              data-handle={h}
              title={handleText(h, data, t)}
              style={{ left, width: 12, height: 12, background: muted ? '#868e96' : '#1c7ed6' }}
            />
          </div>
        );
      })}
    </div>
  );
}
