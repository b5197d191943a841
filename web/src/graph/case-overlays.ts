// What the case diagram shows on each node, worked out from the case view (GET /api/processes/{id}):
// done steps with who finished them, when and how long they took; open steps with whose inbox (or
// which role's queue) holds them and since when; the timers still to fire. Pure, so it is tested
// without a browser and the pages can reuse it (a list of open steps beside the diagram).

/** The fields of the case view this needs; the API's ProcessDetail has them all. */
export interface CaseViewForDiagram {
  status: string;
  assignments: {
    id: string;
    stepId: string;
    stepName: string;
    status: string;
    assigneeId: string | null;
    role: string | null;
    overdue: boolean;
    openedAt: string;
    dueAt: string | null;
    completedAt: string | null;
    completedBy: string | null;
    outcome: string | null;
  }[];
  live: {
    activeNodes: { nodeId: string; kind: string; since: string }[];
    timers: { nodeId: string; label: string; at: string }[];
    /** Foreach nodes at work (absent from cases of older servers). */
    foreach?: { nodeId: string; total: number | null; finished: number; running: number }[] | undefined;
  } | null;
}

export type NodeState = 'done' | 'current' | 'idle';

export interface DoneVisit {
  assignmentId: string;
  /** Who completed it: an employee id (the pages turn it into a name). */
  by: string | null;
  outcome: string | null;
  openedAt: string;
  completedAt: string;
  /** Calendar time from opening to completion, in milliseconds. */
  tookMs: number;
}

export interface OpenVisit {
  assignmentId: string;
  /** The employee whose inbox holds it, or null while it waits in `role`'s queue. */
  holderId: string | null;
  role: string | null;
  since: string;
  dueAt: string | null;
  overdue: boolean;
}

export interface NodeOverlay {
  state: NodeState;
  /** Completed visits, oldest first (a loop visits a node more than once). */
  done: DoneVisit[];
  open: OpenVisit[];
  /** Active without a person's step (a wait, a sub-process, a join waiting for its branches). */
  activeSince: string | null;
  timers: { label: string; at: string }[];
  /** A foreach at work: how many items have finished of how many, and how many run now. */
  items?: { total: number | null; finished: number; running: number };
}

export type CaseOverlays = Record<string, NodeOverlay>;

const empty = (): NodeOverlay => ({ state: 'idle', done: [], open: [], activeSince: null, timers: [] });

export function caseOverlays(view: CaseViewForDiagram): CaseOverlays {
  const out: CaseOverlays = {};
  const at = (nodeId: string) => (out[nodeId] ??= empty());
  for (const a of view.assignments) {
    if (a.status === 'completed' && a.completedAt) {
      at(a.stepId).done.push({
        assignmentId: a.id,
        by: a.completedBy,
        outcome: a.outcome,
        openedAt: a.openedAt,
        completedAt: a.completedAt,
        tookMs: Math.max(0, Date.parse(a.completedAt) - Date.parse(a.openedAt)),
      });
    } else if (a.status === 'open') {
      at(a.stepId).open.push({ assignmentId: a.id, holderId: a.assigneeId, role: a.assigneeId ? null : a.role, since: a.openedAt, dueAt: a.dueAt, overdue: a.overdue });
    }
  }
  for (const n of view.live?.activeNodes ?? []) at(n.nodeId).activeSince ??= n.since;
  for (const t of view.live?.timers ?? []) at(t.nodeId).timers.push({ label: t.label, at: t.at });
  for (const f of view.live?.foreach ?? []) at(f.nodeId).items = { total: f.total, finished: f.finished, running: f.running };
  for (const overlay of Object.values(out)) {
    overlay.done.sort((x, y) => x.completedAt.localeCompare(y.completedAt));
    overlay.timers.sort((x, y) => x.at.localeCompare(y.at));
    overlay.state = overlay.open.length > 0 || overlay.activeSince !== null ? 'current' : overlay.done.length > 0 ? 'done' : 'idle';
  }
  return out;
}
