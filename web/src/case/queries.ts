// The questions the case pages ask the API (TanStack Query over the typed client): a case kept
// live while it runs, the case list with its filters, the team and a person's work, and the
// directory for the person and role pickers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, client, unwrap } from '../api.ts';

/** A running case is polled too: timers firing and colleagues' actions send the viewer no notice. */
export function useLiveCase(id: string | undefined) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: () => unwrap(client.api.processes[':id'].$get({ param: { id: id! } })),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 5_000 : false),
  });
}
export type LiveCase = NonNullable<ReturnType<typeof useLiveCase>['data']>;

export interface CaseListFilter {
  routeId?: string | undefined;
  version?: string | undefined;
  status?: 'running' | 'completed' | 'cancelled' | 'failed' | undefined;
  startedFrom?: string | undefined;
  startedTo?: string | undefined;
  holder?: string | undefined;
  limit: number;
  offset: number;
}

export function useCaseList(f: CaseListFilter) {
  const query = {
    ...(f.routeId ? { routeId: f.routeId } : {}),
    ...(f.version ? { version: f.version } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.startedFrom ? { startedFrom: f.startedFrom } : {}),
    ...(f.startedTo ? { startedTo: f.startedTo } : {}),
    ...(f.holder ? { holder: f.holder } : {}),
    limit: String(f.limit),
    offset: String(f.offset),
  };
  return useQuery({
    queryKey: ['cases', query],
    queryFn: () => unwrap(client.api.processes.$get({ query })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
export type CaseListItem = NonNullable<ReturnType<typeof useCaseList>['data']>['items'][number];

export function useRoutes() {
  return useQuery({ queryKey: ['routes'], queryFn: () => unwrap(client.api.routes.$get()), staleTime: 60_000 });
}

/** Active employees for pickers, by name. */
export function useEmployees() {
  const { data } = useQuery({ queryKey: ['employees', 'active'], queryFn: () => unwrap(client.api.employees.$get({ query: { active: 'true' } })), staleTime: 10 * 60_000 });
  return (data?.items ?? []).map((e) => ({ id: e.id, name: e.fullName })).sort((a, b) => a.name.localeCompare(b.name));
}

export function useRoles() {
  const { data } = useQuery({ queryKey: ['roles'], queryFn: () => unwrap(client.api.roles.$get()), staleTime: 10 * 60_000 });
  return data?.items ?? [];
}

export function useTeam(enabled: boolean) {
  return useQuery({ queryKey: ['team'], queryFn: () => unwrap(client.api.team.$get({ query: {} })), enabled, refetchInterval: 30_000 });
}

export function useTeamWork(employeeId: string | undefined) {
  return useQuery({
    queryKey: ['team', 'work', employeeId],
    queryFn: () => unwrap(client.api.team[':employeeId'].work.$get({ param: { employeeId: employeeId! }, query: { limit: '200' } })),
    enabled: Boolean(employeeId),
  });
}

/** The API's problems by field path (`reason`, `employeeId`, `payload.amount`); the rest under ''. */
export function problemsOf(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return { '': err instanceof Error ? err.message : String(err) };
  const out: Record<string, string> = {};
  for (const p of err.problems) out[p.path] ??= p.message;
  if (err.problems.length === 0) out[''] = err.message;
  return out;
}

/** Only the problems under `prefix.`, keyed by what follows it (a generated form's field ids). */
export function under(problems: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(problems)) if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
  return out;
}
