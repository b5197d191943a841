// The read-only diagram of the route version a case runs, laid out automatically (or as the
// designer placed it), with the case drawn on it: done steps green with who, when and how long;
// current steps highlighted with whose inbox or which queue holds them; pending timers with the
// instant each fires. Plain props, so the case page mounts it with what it already loaded.
// The app imports '@xyflow/react/dist/style.css' once (a CSS import needs Vite's client types).
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../../../domain/routes/route-schema.ts';
import { toGraph } from '../../../domain/routes/to-graph.ts';
import type { CaseOverlays, NodeOverlay } from './case-overlays.ts';
import { RouteNodeCard, type CaseFlowNode, type NodeHeat, type NoteTone } from './RouteNodeCard.tsx';
import { layoutFlow } from './layout.ts';
import { routeToGraph } from './route-to-graph.ts';

export interface CaseDiagramProps {
  /** The definition of the version the case runs (GET /api/routes/{id}/versions/{n}); a v0 list of steps is drawn as the graph it runs as. */
  definition: RouteGraph | RouteDefinition;
  /** caseOverlays(caseView) from ./case-overlays.ts. */
  overlays: CaseOverlays;
  /** An employee's name for an id; the id's first characters are shown when it gives none. */
  nameOf?: (employeeId: string) => string | undefined;
  /** An instant for people: the app's formatter (company time zone, chosen language). */
  formatDateTime?: (iso: string) => string;
  height?: number | string;
  onNodeClick?: (nodeId: string) => void;
  /** A report's overlay per node (the process-timing heatmap): its colour and notes, after the case's. */
  heat?: Record<string, NodeHeat & { notes: { text: string; tone: NoteTone }[] }>;
  /** Fit the whole route into the box on load however large it is (an overview such as the heatmap);
   * otherwise React Flow zooms out no further than half size and a tall route is cut off. */
  fitWhole?: boolean;
}

/** How far a whole-route overview may zoom out: the deal route's 30-odd nodes fit 520 px. */
const WHOLE_MIN_ZOOM = 0.1;

const nodeTypes = { task: RouteNodeCard, decision: RouteNodeCard, parallel: RouteNodeCard, join: RouteNodeCard, wait: RouteNodeCard, action: RouteNodeCard, subprocess: RouteNodeCard, foreach: RouteNodeCard, end: RouteNodeCard };

/** A card's height with its notes, estimated from their length (about 30 characters a line at the card's width). */
function estimatedHeight(node: CaseFlowNode['data']['node'], notes: { text: string }[]): number {
  const title = 'name' in node && node.name ? node.name : node.id;
  const lines = (text: string, perLine: number) => Math.max(1, Math.ceil(text.length / perLine));
  return 36 + lines(title, 26) * 17 + notes.reduce((sum, n) => sum + lines(n.text, 32) * 16 + 2, 0);
}

/** "3 h", "2.5 d", "12 min" in the chosen language. */
export function formatTook(ms: number, locale: string): string {
  const [value, unit] = ms >= 86_400_000 ? [ms / 86_400_000, 'day'] : ms >= 3_600_000 ? [ms / 3_600_000, 'hour'] : [Math.max(1, ms / 60_000), 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** Routes with more nodes than this get a minimap. */
const MINIMAP_FROM = 12;

export function CaseDiagram({ definition, overlays, nameOf, formatDateTime, height = 560, onNodeClick, heat, fitWhole = false }: CaseDiagramProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'ru-RU';
  const { nodes, edges } = useMemo(() => {
    const when = formatDateTime ?? ((iso: string) => new Date(iso).toLocaleString(locale));
    const who = (id: string | null) => (id ? (nameOf?.(id) ?? id.slice(0, 8)) : t('graph.someone'));
    const notesOf = (o: NodeOverlay | undefined): { text: string; tone: NoteTone }[] => {
      if (!o) return [];
      const last = o.done.at(-1);
      return [
        ...(last ? [{ text: t('graph.done', { who: who(last.by), when: when(last.completedAt), took: formatTook(last.tookMs, locale) }), tone: 'plain' as const }] : []),
        ...(o.done.length > 1 ? [{ text: t('graph.doneTimes', { count: o.done.length }), tone: 'plain' as const }] : []),
        ...o.open.map((v) => ({
          text: [
            v.holderId ? t('graph.inInbox', { who: who(v.holderId), since: when(v.since) }) : t('graph.inQueue', { role: v.role ?? '?', since: when(v.since) }),
            v.dueAt ? t('graph.dueAt', { when: when(v.dueAt) }) : null,
            v.overdue ? t('graph.overdue') : null,
          ].filter(Boolean).join(' · '),
          tone: v.overdue ? ('alert' as const) : ('plain' as const),
        })),
        ...(o.open.length === 0 && o.activeSince ? [{ text: t('graph.activeSince', { since: when(o.activeSince) }), tone: 'plain' as const }] : []),
        ...(o.items ? [{ text: t('graph.foreachProgress', { finished: o.items.finished, total: o.items.total ?? '?', running: o.items.running }), tone: 'plain' as const }] : []),
        ...o.timers.map((x) => ({ text: t('graph.timer', { label: x.label, when: when(x.at) }), tone: 'timer' as const })),
      ];
    };
    const graph = definition.language === 'route/v1' ? definition : toGraph(definition);
    const flow = routeToGraph(graph);
    const noted: CaseFlowNode[] = flow.nodes.map((n) => {
      const h = heat?.[n.id];
      const notes = [...notesOf(overlays[n.id]), ...(h?.notes ?? [])];
      return { ...n, height: estimatedHeight(n.data.node, notes), draggable: false, connectable: false, data: { ...n.data, state: overlays[n.id]?.state ?? 'idle', notes, ...(h ? { heat: { background: h.background, border: h.border, over: h.over } } : {}) } };
    });
    // Laid out again with each card's height once its notes are on it, so a busy card does not
    // cover the next; positions the designer stored are kept.
    // The height only informs the layout: the card itself grows with its text.
    const caseNodes = layoutFlow(noted, flow.edges, { keep: new Set(Object.keys(graph.layout ?? {})) }).map(({ height: _height, ...n }) => n);
    const caseEdges: Edge[] = flow.edges.map((e) => {
      const label = e.data?.label ?? (e.sourceHandle === 'next' || e.sourceHandle === 'branches' ? undefined : t(`graph.handle.${e.sourceHandle.startsWith('branch-') ? 'next' : e.sourceHandle}`));
      const taken = overlays[e.source]?.state === 'done' && overlays[e.target] !== undefined && overlays[e.target]?.state !== 'idle';
      return {
        ...e,
        ...(label ? { label } : {}),
        markerEnd: { type: MarkerType.ArrowClosed },
        animated: taken && overlays[e.target]?.state === 'current',
        style: { stroke: taken ? '#2f9e44' : '#868e96', strokeDasharray: e.sourceHandle === 'join' ? '4 4' : undefined },
      };
    });
    return { nodes: caseNodes, edges: caseEdges };
  }, [definition, overlays, nameOf, formatDateTime, locale, t, heat]);

  return (
    // A group, not an image: the canvas holds focusable controls (zoom, minimap), which an image may not.
    <div style={{ height, width: '100%' }} role="group" aria-label={t('graph.diagram')}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        {...(fitWhole ? { minZoom: WHOLE_MIN_ZOOM } : {})}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={onNodeClick !== undefined}
        onNodeClick={onNodeClick ? (_event, node) => onNodeClick(node.id) : undefined}
        proOptions={{ hideAttribution: false }}
      >
        <Background />
        <Controls showInteractive={false} />
        {/* A small route fits the view whole; the overview only helps on a large one. */}
        {nodes.length > MINIMAP_FROM && <MiniMap pannable zoomable ariaLabel={t('graph.minimap')} />}
      </ReactFlow>
    </div>
  );
}
