// The visual route editor at /routes/:id/edit: a React Flow canvas of the route's draft with a
// palette of node kinds, typed handles to connect, a side panel with forms for the selected node
// (or the route), undo/redo, copy/paste, auto-layout, a minimap, an editable JSON view kept in
// sync, saving the draft (Ctrl+S), validation problems on the nodes and in a list, and publish.
// Loaded only on this page (a lazy route), with React Flow and dagre.
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, Paper, ScrollArea, Stack, Tabs, Text, Textarea, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Background, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow,
  type Connection, type Edge, type NodeChange, type OnDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useParams } from 'react-router';
import type { GraphNode, RouteGraph } from '../../../domain/routes/graph-schema.ts';
import { ApiError, client, unwrap } from '../api.ts';
import type { RouteHandle } from '../graph/flow-model.ts';
import { NODE_HEIGHT, NODE_WIDTH, layoutFlow } from '../graph/layout.ts';
import { routeToGraph } from '../graph/route-to-graph.ts';
import { useDirectory } from '../designer/directory.ts';
import { addNode, connect, copyNodes, disconnect, newNode, NODE_KINDS, parseRouteJson, pasteNodes, removeNodes, renameNode, toEditable, uniqueId, updateNode, type Clip, type NodeKind } from '../designer/doc.ts';
import { EditorNode, handleText, type EditorFlowNode } from '../designer/EditorNode.tsx';
import { historyReducer } from '../designer/history.ts';
import { NodePanel } from '../designer/NodePanel.tsx';
import { RoutePanel } from '../designer/RoutePanel.tsx';

const nodeTypes = Object.fromEntries(NODE_KINDS.map((k) => [k, EditorNode]));

interface Problem {
  path: string;
  message: string;
  nodeId?: string;
}

/** Every node with a position: stored ones kept, the rest laid out (a new draft, nodes added in JSON). */
function withFullLayout(route: RouteGraph): RouteGraph {
  if (route.nodes.every((n) => route.layout?.[n.id])) return route;
  const flow = routeToGraph(route);
  return { ...route, layout: Object.fromEntries(flow.nodes.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])) };
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable));
}

export function RouteEditorPage() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}

function Editor() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['route', id], queryFn: () => unwrap(client.api.routes[':id'].$get({ param: { id } })) });
  if (detail.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (detail.isError) return <Alert color="red" role="alert">{detail.error.message}</Alert>;
  return <Designer key={id} id={id} initial={detail.data} />;
}

type RouteDetail = { id: string; key: string; name: string; draft: unknown; draftRevision: number; latestVersion: number };

function Designer({ id, initial }: { id: string; initial: RouteDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dir = useDirectory();
  const flow = useReactFlow();
  const start = useMemo(() => withFullLayout(toEditable(initial.draft, initial.name)), [initial]);
  const [hist, dispatch] = useReducer(historyReducer, { past: [], present: start, future: [], lastAt: 0 });
  const route = hist.present;
  const [saved, setSaved] = useState(() => JSON.stringify(start));
  const [revision, setRevision] = useState(initial.draftRevision);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dims, setDims] = useState<Record<string, { width: number; height: number }>>({});
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [tab, setTab] = useState<string | null>('diagram');
  const [publishOpen, setPublishOpen] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const clip = useRef<Clip | null>(null);
  const dirty = JSON.stringify(route) !== saved;

  const change = useCallback((next: RouteGraph, key?: string) => dispatch({ type: 'set', route: next, key, at: Date.now() }), []);

  // --- the canvas, drawn from the document ---
  const problemsByNode = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems ?? []) if (p.nodeId) m.set(p.nodeId, [...(m.get(p.nodeId) ?? []), p.message]);
    return m;
  }, [problems]);
  const { nodes, edges } = useMemo(() => {
    const g = routeToGraph(route);
    const ids = new Set(g.nodes.map((n) => n.id));
    const nodes: EditorFlowNode[] = g.nodes.map((n) => ({
      ...n,
      data: { ...n.data, problems: problemsByNode.get(n.id) ?? [] },
      selected: selected.has(n.id),
      ...(dims[n.id] ? { measured: dims[n.id] } : {}),
    }));
    const edges: Edge[] = g.edges.filter((e) => ids.has(e.target)).map((e) => {
      const muted = e.sourceHandle === 'otherwise' || e.sourceHandle === 'timeout' || e.sourceHandle === 'join';
      const src = g.nodes.find((n) => n.id === e.source)!;
      const label = e.sourceHandle === 'next' || e.sourceHandle === 'branches' ? undefined : handleText(e.sourceHandle, src.data, t);
      return { ...e, label, markerEnd: { type: MarkerType.ArrowClosed }, style: muted ? { strokeDasharray: '6 4' } : undefined, labelBgStyle: { fill: '#fff' } };
    });
    return { nodes, edges };
  }, [route, problemsByNode, selected, dims, t]);

  const onNodesChange = useCallback((changes: NodeChange<EditorFlowNode>[]) => {
    let layout = route.layout ?? {};
    let moved = false;
    let dragging = false;
    const nextDims: Record<string, { width: number; height: number }> = {};
    let sel: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        layout = { ...layout, [c.id]: { x: Math.round(c.position.x), y: Math.round(c.position.y) } };
        moved = true;
        dragging ||= Boolean(c.dragging);
      } else if (c.type === 'dimensions' && c.dimensions) {
        nextDims[c.id] = c.dimensions;
      } else if (c.type === 'select') {
        sel ??= new Set(selected);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (Object.keys(nextDims).length) setDims((d) => ({ ...d, ...nextDims }));
    if (sel) setSelected(sel);
    // A drag is one step of the history, however many frames it takes.
    if (moved) change({ ...route, layout }, dragging ? `drag:${changes.map((c) => ('id' in c ? c.id : '')).join(',')}` : undefined);
  }, [route, selected, change]);

  const onConnect = useCallback((c: Connection) => {
    if (!c.sourceHandle) return;
    change(connect(route, c.source, c.sourceHandle as RouteHandle, c.target));
  }, [route, change]);

  const deleteSelection = useCallback((nodeIds: Iterable<string>, gone: Edge[] = []) => {
    let r = route;
    for (const e of gone) r = disconnect(r, e.source, e.sourceHandle ?? 'next', e.target);
    const ids = new Set(nodeIds);
    r = removeNodes(r, ids);
    if (r !== route) change(r);
    setSelected((s) => new Set([...s].filter((x) => !ids.has(x))));
  }, [route, change]);

  const onDelete: OnDelete<EditorFlowNode, Edge> = useCallback(({ nodes: ns, edges: es }) => {
    const ids = new Set(ns.map((n) => n.id));
    deleteSelection(ids, es.filter((e) => !ids.has(e.source)));
  }, [deleteSelection]);

  const add = (kind: NodeKind) => {
    const taken = new Set(route.nodes.map((n) => n.id));
    const nodeId = uniqueId(kind, taken);
    const near = [...selected].map((s) => route.layout?.[s]).find(Boolean);
    const view = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    const at = near ? { x: near.x + 30, y: near.y + NODE_HEIGHT + 60 } : { x: Math.round(view.x - NODE_WIDTH / 2), y: Math.round(view.y - NODE_HEIGHT / 2) };
    change(addNode(route, newNode(kind, nodeId, kind === 'task' ? t('designer.newTask') : ''), at));
    setSelected(new Set([nodeId]));
  };

  const autoLayout = () => {
    const g = routeToGraph(route);
    const placed = layoutFlow(g.nodes.map((n) => (dims[n.id] ? { ...n, measured: dims[n.id] } : n)), g.edges);
    change({ ...route, layout: Object.fromEntries(placed.map((n) => [n.id, n.position])) });
    window.requestAnimationFrame(() => void flow.fitView({ duration: 300 }));
  };

  const copy = () => {
    if (selected.size) clip.current = copyNodes(route, selected);
  };
  const paste = () => {
    if (!clip.current) return;
    const { route: r, ids } = pasteNodes(route, clip.current);
    change(r);
    setSelected(new Set(ids));
    clip.current = copyNodes(r, new Set(ids)); // pasting again shifts again
  };

  // --- saving, validating, publishing ---
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['routes'] });
  const save = useMutation({
    mutationFn: async (doc: RouteGraph) => {
      const res = await unwrap(client.api.routes[':id'].draft.$put({ param: { id }, json: { draft: doc, revision } }));
      return { res, doc };
    },
    onSuccess: async ({ res, doc }) => {
      setRevision(res.draftRevision);
      setSaved(JSON.stringify(doc));
      void invalidate();
      notifications.show({ message: t('designer.saved'), color: 'green' });
      await validate.mutateAsync();
    },
  });
  const validate = useMutation({
    mutationFn: () => unwrap(client.api.routes[':id'].validate.$post({ param: { id } })),
    onSuccess: (v) => setProblems(v.problems),
  });
  const saveNow = () => {
    if (!save.isPending) save.mutate(route);
  };
  const check = async () => {
    if (dirty) await save.mutateAsync(route);
    else await validate.mutateAsync();
  };
  const publish = useMutation({
    mutationFn: async () => {
      let rev = revision;
      if (dirty) rev = (await save.mutateAsync(route)).res.draftRevision;
      return unwrap(client.api.routes[':id'].publish.$post({ param: { id }, json: { revision: rev } }));
    },
    onSuccess: (v) => {
      setPublishOpen(false);
      setPublished(v.version);
      setProblems([]);
      void invalidate();
      void queryClient.invalidateQueries({ queryKey: ['route', id] });
    },
    onError: (err) => {
      setPublishOpen(false);
      if (err instanceof ApiError && err.problems.length) setProblems(err.problems);
    },
  });

  const focusNode = (nodeId: string) => {
    const p = route.layout?.[nodeId];
    setTab('diagram');
    setSelected(new Set([nodeId]));
    if (p) {
      const d = dims[nodeId] ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
      void flow.setCenter(p.x + d.width / 2, p.y + d.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
    }
  };

  // --- the keyboard: undo/redo, copy/paste, save ---
  const keys = useRef({ saveNow, copy, paste });
  keys.current = { saveNow, copy, paste };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        keys.current.saveNow();
        return;
      }
      // In a text field these keys edit the text.
      if (isTyping(e.target)) return;
      if (k === 'z' && !e.shiftKey) dispatch({ type: 'undo' });
      else if ((k === 'z' && e.shiftKey) || k === 'y') dispatch({ type: 'redo' });
      else if (k === 'c') keys.current.copy();
      else if (k === 'v') keys.current.paste();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Unsaved changes: warn before closing the tab and before leaving the page in the app.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  const selectedNode: GraphNode | undefined = selected.size === 1 ? route.nodes.find((n) => selected.has(n.id)) : undefined;
  const problemCount = problems?.length ?? 0;

  return (
    <Stack gap="xs" h="calc(100dvh - 90px)">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Title order={2} size="h3">{t('designer.title', { name: route.name || initial.key })}</Title>
          <Badge color={dirty ? 'red.9' : 'teal.9'} variant="outline" data-testid="save-state">{dirty ? t('designer.unsaved') : t('designer.allSaved')}</Badge>
          <Anchor component={Link} to={`/routes/${id}`} size="sm">{t('designer.history')}</Anchor>
        </Group>
        <Group gap={6}>
          <Tooltip label="Ctrl+Z"><Button variant="default" size="xs" disabled={!hist.past.length} onClick={() => dispatch({ type: 'undo' })}>{t('designer.undo')}</Button></Tooltip>
          <Tooltip label="Ctrl+Shift+Z / Ctrl+Y"><Button variant="default" size="xs" disabled={!hist.future.length} onClick={() => dispatch({ type: 'redo' })}>{t('designer.redo')}</Button></Tooltip>
          <Tooltip label="Ctrl+C"><Button variant="default" size="xs" disabled={!selected.size} onClick={copy}>{t('designer.copy')}</Button></Tooltip>
          <Tooltip label="Ctrl+V"><Button variant="default" size="xs" onClick={paste}>{t('designer.paste')}</Button></Tooltip>
          <Tooltip label="Delete"><Button variant="default" size="xs" color="red" disabled={!selected.size} onClick={() => deleteSelection(selected)}>{t('designer.delete')}</Button></Tooltip>
          <Button variant="default" size="xs" onClick={autoLayout}>{t('designer.autoLayout')}</Button>
          <Button variant="light" size="xs" onClick={() => void check().catch(() => undefined)} loading={validate.isPending}>{t('designer.validate')}</Button>
          <Tooltip label="Ctrl+S"><Button size="xs" onClick={saveNow} loading={save.isPending} disabled={!dirty}>{t('designer.save')}</Button></Tooltip>
          <Button size="xs" color="teal.9" onClick={() => setPublishOpen(true)}>{t('designer.publish')}</Button>
        </Group>
      </Group>
      {save.error && <Alert color="red" role="alert" withCloseButton onClose={() => save.reset()}>{save.error instanceof ApiError && save.error.status === 409 ? t('designer.conflict') : save.error.message}</Alert>}
      {publish.error && !(publish.error instanceof ApiError && publish.error.problems.length) && <Alert color="red" role="alert">{publish.error.message}</Alert>}
      {published !== null && (
        <Alert color="green" role="status" data-testid="published" withCloseButton onClose={() => setPublished(null)}>
          {t('designer.published', { version: published })} <Anchor component={Link} to={`/routes/${id}`}>{t('designer.history')}</Anchor>
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          <Tabs.Tab value="diagram">{t('designer.diagram')}</Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
          <Tabs.Tab value="problems" rightSection={problems ? <Badge size="xs" color={problemCount ? 'red' : 'green'}>{problemCount}</Badge> : undefined}>{t('designer.problemsTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="diagram" style={{ flex: 1, minHeight: 0 }}>
          <Group h="100%" gap="xs" align="stretch" wrap="nowrap" pt="xs">
            <Stack gap={4} w={150} style={{ flexShrink: 0 }} role="toolbar" aria-label={t('designer.palette')} aria-orientation="vertical">
              <Text size="xs" fw={700} c="dimmed">{t('designer.add')}</Text>
              {NODE_KINDS.map((k) => (
                <Button key={k} size="xs" variant="light" justify="flex-start" onClick={() => add(k)} data-testid={`add-${k}`}>+ {t(`designer.kind.${k}`)}</Button>
              ))}
            </Stack>
            <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
              <Paper withBorder style={{ flex: 1, minHeight: 300 }} data-testid="canvas">
                <ReactFlow<EditorFlowNode, Edge>
                  nodes={nodes}
                  edges={edges}
                  nodeTypes={nodeTypes}
                  onNodesChange={onNodesChange}
                  onConnect={onConnect}
                  onDelete={onDelete}
                  onEdgesChange={() => undefined}
                  onPaneClick={() => setSelected(new Set())}
                  isValidConnection={(c) => c.source !== c.target}
                  deleteKeyCode={['Delete', 'Backspace']}
                  multiSelectionKeyCode={['Shift', 'Control', 'Meta']}
                  fitView
                  fitViewOptions={{ maxZoom: 1 }}
                  minZoom={0.2}
                  ariaLabelConfig={{ 'node.a11yDescription.default': t('designer.a11yNode'), 'edge.a11yDescription.default': t('designer.a11yEdge') }}
                >
                  <Background gap={16} />
                  <MiniMap pannable zoomable ariaLabel={t('designer.minimap')} />
                  <Controls aria-label={t('designer.controls')} />
                </ReactFlow>
              </Paper>
              <ProblemList problems={problems} onPick={focusNode} compact />
            </Stack>
            <ScrollArea w={420} type="auto" style={{ flexShrink: 0 }} aria-label={t('designer.properties')}>
              <Paper withBorder p="sm" mr="xs">
                {selectedNode ? (
                  <NodePanel
                    key={selectedNode.id}
                    route={route}
                    node={selectedNode}
                    dir={dir}
                    onChange={(n) => change(updateNode(route, selectedNode.id, n), `node:${selectedNode.id}`)}
                    onRoute={(r, key) => change(r, key)}
                    onRename={(to) => {
                      change(renameNode(route, selectedNode.id, to));
                      setSelected(new Set([to]));
                    }}
                    onDelete={() => deleteSelection([selectedNode.id])}
                  />
                ) : selected.size > 1 ? (
                  <Text size="sm">{t('designer.manySelected', { count: selected.size })}</Text>
                ) : (
                  <RoutePanel route={route} onChange={change} dir={dir} />
                )}
              </Paper>
            </ScrollArea>
          </Group>
        </Tabs.Panel>
        <Tabs.Panel value="json" style={{ flex: 1, minHeight: 0 }} pt="xs">
          <JsonView route={route} onChange={(r) => change(withFullLayout(r), 'json')} />
        </Tabs.Panel>
        <Tabs.Panel value="problems" pt="xs">
          <ProblemList problems={problems} onPick={focusNode} />
        </Tabs.Panel>
      </Tabs>

      <Modal opened={publishOpen} onClose={() => setPublishOpen(false)} title={t('designer.publishTitle')}>
        <Stack>
          <Text size="sm">{t('designer.publishText', { version: (published ?? initial.latestVersion) + 1 })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPublishOpen(false)}>{t('designer.cancel')}</Button>
            <Button color="teal.9" loading={publish.isPending} onClick={() => publish.mutate()} data-testid="confirm-publish">{t('designer.publishConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('designer.leaveTitle')}>
        <Stack>
          <Text size="sm">{t('designer.leaveText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()}>{t('designer.stay')}</Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>{t('designer.leave')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function ProblemList({ problems, onPick, compact }: { problems: Problem[] | null; onPick: (nodeId: string) => void; compact?: boolean }) {
  const { t } = useTranslation();
  if (problems === null) return compact ? null : <Text size="sm" c="dimmed">{t('designer.notChecked')}</Text>;
  if (problems.length === 0) return <Alert color="green" py={6} data-testid="no-problems">{t('designer.noProblems')}</Alert>;
  return (
    <Paper withBorder p="xs" mah={compact ? 150 : undefined} style={{ overflow: 'auto' }} data-testid="problems">
      <Text size="sm" fw={600} c="red.9">{t('designer.problems', { count: problems.length })}</Text>
      <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {problems.map((p, i) => (
          <li key={i}>
            {p.nodeId ? (
              <UnstyledButton onClick={() => onPick(p.nodeId!)} data-testid="problem" style={{ fontSize: 13, textAlign: 'left' }}>
                <Text span fw={600} size="sm">{p.nodeId}</Text>: <Text span size="sm">{p.message}</Text>
              </UnstyledButton>
            ) : (
              <Text size="sm" data-testid="problem"><Text span c="dimmed" size="sm">{p.path}</Text>: {p.message}</Text>
            )}
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

/** The document as JSON: text that parses as a route replaces the graph; anything else shows why and keeps the graph. */
function JsonView({ route, onChange }: { route: RouteGraph; onChange: (r: RouteGraph) => void }) {
  const { t } = useTranslation();
  const mine = useRef<RouteGraph | null>(null);
  const [text, setText] = useState(() => JSON.stringify(route, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A change made here is not re-printed (the cursor would jump); any other one is.
    if (route === mine.current) return;
    setText(JSON.stringify(route, null, 2));
    setError(null);
  }, [route]);
  return (
    <Stack h="100%" gap={4}>
      {error ? <Alert color="red" role="alert" py={6} data-testid="json-error">{t('designer.jsonError', { error })}</Alert> : <Text size="xs" c="dimmed">{t('designer.jsonHint')}</Text>}
      <Textarea
        aria-label={t('designer.jsonLabel')}
        data-testid="json"
        value={text}
        spellCheck={false}
        ff="monospace"
        styles={{ root: { flex: 1 }, wrapper: { height: '100%' }, input: { height: '100%', fontSize: 12 } }}
        style={{ flex: 1 }}
        onChange={(e) => {
          const s = e.currentTarget.value;
          setText(s);
          const parsed = parseRouteJson(s);
          if (!parsed.ok) {
            setError(parsed.error);
            return;
          }
          setError(null);
          const next = withFullLayout(parsed.route);
          mine.current = next;
          onChange(next);
        }}
      />
    </Stack>
  );
}
