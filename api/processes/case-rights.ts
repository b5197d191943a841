// What the viewer of a case view may do with it, so the page offers only the actions the API will
// accept: cancel (its starter or a supervisor), reassign its open work (a supervisor), and which
// of the route's declared events they may send. The rules are the use cases' own
// (cancel-process.ts, reassign-assignment.ts, send-event.ts); this only asks them in advance.
import type { EntityManager } from '@mikro-orm/postgresql';
import { hasAnyRole } from '../../domain/identity/roles.ts';
import { participatesIn, SEES_ALL_CASES, type Viewer } from '../../domain/processes/case-access.ts';
import { DEFAULT_EVENT_SENDERS, type EventSenders } from '../../domain/routes/graph-schema.ts';

export interface CaseRights {
  cancel: boolean;
  reassign: boolean;
  /** The declared events this viewer may send now (empty when none, or the case has ended). */
  sendEvent: string[];
}

export interface CaseFacts {
  id: string;
  status: string;
  startedBy: string;
  /** The viewer sees the case (the case-access rule, already evaluated in the view's statement). */
  visible: boolean;
  /** The route version's declared events (`definition.events`; absent for a v0 route). */
  events: Record<string, { senders?: EventSenders | undefined }> | null;
}

const NONE: CaseRights = { cancel: false, reassign: false, sendEvent: [] };

export async function caseRights(em: EntityManager, viewer: Viewer, c: CaseFacts): Promise<CaseRights> {
  // Integration keys act through their scopes, not through a page.
  if (viewer.kind !== 'employee' || c.status !== 'running') return NONE;
  const actor = viewer.actor;
  // supervisesCase() without its query: the visibility rule is part of the view's statement.
  const supervises = hasAnyRole(actor, SEES_ALL_CASES) || (hasAnyRole(actor, ['manager']) && c.visible);
  const events = Object.entries(c.events ?? {});
  let participates: boolean | undefined;
  const sendEvent: string[] = [];
  for (const [name, decl] of events) {
    const senders = decl.senders ?? DEFAULT_EVENT_SENDERS;
    if (hasAnyRole(actor, senders.roles)) sendEvent.push(name);
    else if (senders.participants && (participates ??= await participatesIn(em, actor, c.id))) sendEvent.push(name);
  }
  return { cancel: c.startedBy === actor.employeeId || supervises, reassign: supervises, sendEvent };
}

/** The case in the Temporal Web UI, for admins when the product knows where that UI is. */
export function temporalLink(viewer: Viewer, uiUrl: string | undefined, namespace: string, workflowId: string): string | null {
  if (!uiUrl || viewer.kind !== 'employee' || !hasAnyRole(viewer.actor, ['admin'])) return null;
  return `${uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
