// The routes API through TanStack Query: the list, one route (draft and versions), a published
// version and the diff of two. A published version never changes, so it is cached for good.
import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';

export function useRouteList() {
  return useQuery({ queryKey: ['routes'], queryFn: () => unwrap(client.api.routes.$get()) });
}
export type RouteSummary = NonNullable<ReturnType<typeof useRouteList>['data']>['items'][number];

const routeQuery = (id: string) => ({
  queryKey: ['route', id],
  queryFn: () => unwrap(client.api.routes[':id'].$get({ param: { id } })),
});

export function useRouteDetail(id: string | undefined) {
  return useQuery({ ...routeQuery(id ?? ''), enabled: Boolean(id) });
}
export type RouteDetail = NonNullable<ReturnType<typeof useRouteDetail>['data']>;

export function useVersion(routeId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['route-version', routeId, version],
    queryFn: () => unwrap(client.api.routes[':id'].versions[':version'].$get({ param: { id: routeId!, version: String(version) } })),
    enabled: Boolean(routeId && version),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVersionDiff(routeId: string | undefined, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: ['route-diff', routeId, from, to],
    queryFn: () => unwrap(client.api.routes[':id'].diff.$get({ param: { id: routeId! }, query: { from: String(from), to: String(to) } })),
    enabled: Boolean(routeId && from && to && from !== to),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Designers and admins work on routes; the API refuses everyone else's changes. */
export function useIsDesigner(): boolean | undefined {
  const me = useMe();
  if (!me.data) return undefined;
  return me.data.roles.some((r) => r === 'designer' || r === 'admin');
}
