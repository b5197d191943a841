// The inbox's data: my open work and my roles' queues, one list, and the pure rules for its
// counters, filters and sorting (kept here, apart from the page, so they read as rules).
import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from './api.ts';

export type WorkItem = Awaited<ReturnType<typeof fetchInbox>>['items'][number] & { source: 'mine' | 'queue' };

async function fetchInbox() {
  return unwrap(client.api.assignments.inbox.$get({ query: { status: 'open', limit: '200' } }));
}

// Without notices for everything that changes a list, poll gently as well.
const POLL_MS = 20_000;

export function useWork() {
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: fetchInbox, refetchInterval: POLL_MS });
  const queue = useQuery({ queryKey: ['queue'], queryFn: () => unwrap(client.api.assignments.queue.$get({ query: { limit: '200' } })), refetchInterval: POLL_MS });
  const items: WorkItem[] = [
    ...(inbox.data?.items ?? []).map((i) => ({ ...i, source: 'mine' as const })),
    ...(queue.data?.items ?? []).map((i) => ({ ...i, source: 'queue' as const })),
  ];
  return { items, isPending: inbox.isPending || queue.isPending, error: inbox.error ?? queue.error, refetch: () => Promise.all([inbox.refetch(), queue.refetch()]) };
}

export type DueFilter = 'overdue' | 'today' | undefined;
export type SortKey = 'due' | 'priority' | 'age';
export type Tab = 'all' | 'mine' | 'queue';

export interface WorkFilter {
  tab: Tab;
  due: DueFilter;
  priority: string | undefined;
  route: string | undefined;
  q: string;
  sort: SortKey;
}

const NEW_MS = 24 * 3600_000;
const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function isDueToday(item: Pick<WorkItem, 'dueAt' | 'overdue'>, today: string, dayKey: (iso: string) => string): boolean {
  return !item.overdue && item.dueAt !== null && dayKey(item.dueAt) === today;
}

/** New: opened within the last day and nobody has claimed it yet or it just arrived to me. */
export function isNew(item: Pick<WorkItem, 'openedAt'>, now: number): boolean {
  return now - Date.parse(item.openedAt) < NEW_MS;
}

export function counters(items: WorkItem[], today: string, dayKey: (iso: string) => string, now: number) {
  return {
    overdue: items.filter((i) => i.overdue).length,
    today: items.filter((i) => isDueToday(i, today, dayKey)).length,
    new: items.filter((i) => isNew(i, now)).length,
  };
}

export function applyFilter(items: WorkItem[], f: WorkFilter, today: string, dayKey: (iso: string) => string): WorkItem[] {
  const q = f.q.trim().toLocaleLowerCase();
  const out = items.filter((i) =>
    (f.tab === 'all' || i.source === f.tab) &&
    (f.due !== 'overdue' || i.overdue) &&
    (f.due !== 'today' || isDueToday(i, today, dayKey)) &&
    (!f.priority || i.priority === f.priority) &&
    (!f.route || i.process.routeKey === f.route) &&
    (!q || i.process.subject.toLocaleLowerCase().includes(q) || i.stepName.toLocaleLowerCase().includes(q)),
  );
  const due = (i: WorkItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY);
  const byDue = (a: WorkItem, b: WorkItem) => due(a) - due(b);
  const sorters: Record<SortKey, (a: WorkItem, b: WorkItem) => number> = {
    due: byDue,
    priority: (a, b) => (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) || byDue(a, b),
    // Oldest first: what has waited longest.
    age: (a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt),
  };
  return out.sort(sorters[f.sort]);
}

export function readFilter(params: URLSearchParams): WorkFilter {
  const pick = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);
  const due = params.get('due');
  return {
    tab: pick(params.get('tab'), ['all', 'mine', 'queue'] as const, 'all'),
    due: due === 'overdue' || due === 'today' ? due : undefined,
    priority: params.get('priority') ?? undefined,
    route: params.get('route') ?? undefined,
    q: params.get('q') ?? '',
    sort: pick(params.get('sort'), ['due', 'priority', 'age'] as const, 'due'),
  };
}
