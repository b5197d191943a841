// Names of employees by id, for "who did it" in timelines.
import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from './api.ts';

export function usePeople(): Map<string, string> {
  const { data } = useQuery({
    queryKey: ['employees'],
    queryFn: () => unwrap(client.api.employees.$get({ query: { active: 'all' } })),
    staleTime: 10 * 60_000,
  });
  return new Map((data?.items ?? []).map((e) => [e.id, e.fullName]));
}

/** Role names by code (a queue is shown by its name, not its code). */
export function useRoleNames(): Map<string, string> {
  const { data } = useQuery({
    queryKey: ['roles'],
    queryFn: () => unwrap(client.api.roles.$get()),
    staleTime: 10 * 60_000,
  });
  return new Map((data?.items ?? []).map((r) => [r.code, r.name]));
}
