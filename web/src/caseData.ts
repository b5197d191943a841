// A case (GET /api/processes/{id}) and the labels of its route version's variables.
import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from './api.ts';
import { variablesToFieldDefs, type FieldDef } from './fields.tsx';

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: () => unwrap(client.api.processes[':id'].$get({ param: { id: id! } })),
    enabled: Boolean(id),
  });
}
export type CaseView = NonNullable<ReturnType<typeof useCase>['data']>;

export function useRouteVersion(routeId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['route-version', routeId, version],
    queryFn: () => unwrap(client.api.routes[':id'].versions[':version'].$get({ param: { id: routeId!, version: String(version) } })),
    enabled: Boolean(routeId && version),
    staleTime: Number.POSITIVE_INFINITY, // a published version never changes
  });
}

export function useVariableDefs(routeId: string | undefined, version: number | undefined): FieldDef[] {
  const { data } = useRouteVersion(routeId, version);
  const def = data?.definition;
  return variablesToFieldDefs(typeof def === 'object' && def !== null ? (def as { variables?: unknown }).variables : undefined);
}
