// The people, roles and routes the designer's pickers offer.
import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export interface Directory {
  people: { value: string; label: string }[];
  roles: { value: string; label: string }[];
  routes: { value: string; label: string }[];
  /** What a call action and a foreach may reach (GET /api/routes/operations). */
  operations: { name: string; description: string; args: { name: string; required: boolean }[] }[];
  sources: { name: string; description: string; recordType: string | null; args: { name: string; required: boolean }[] }[];
}

export function useDirectory(): Directory {
  const employees = useQuery({ queryKey: ['employees', 'active'], queryFn: () => unwrap(client.api.employees.$get({ query: { active: 'true' } })), staleTime: 10 * 60_000 });
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => unwrap(client.api.roles.$get()), staleTime: 10 * 60_000 });
  const routes = useQuery({ queryKey: ['routes'], queryFn: () => unwrap(client.api.routes.$get()) });
  const hooks = useQuery({ queryKey: ['routes', 'operations'], queryFn: () => unwrap(client.api.routes.operations.$get()), staleTime: 10 * 60_000 });
  return {
    people: (employees.data?.items ?? []).filter((e) => e.active).map((e) => ({ value: e.email, label: `${e.fullName} (${e.email})` })),
    roles: (roles.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })),
    routes: (routes.data?.items ?? []).map((r) => ({ value: r.key, label: `${r.name} (${r.key})` })),
    operations: hooks.data?.operations ?? [],
    sources: hooks.data?.sources ?? [],
  };
}
