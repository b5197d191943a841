// Who is signed in (GET /api/auth/me over the HttpOnly session cookie), and the guard that sends
// everyone else to the sign-in page with the page they wanted in ?next=.
import { Center, Loader } from '@mantine/core';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, client, unwrap } from './api.ts';

export type Me = Awaited<ReturnType<typeof fetchMe>>;

async function fetchMe() {
  return unwrap(client.api.auth.me.$get(), { quiet401: true });
}

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await fetchMe();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function signInPath(next: string, expired = false): string {
  const q = new URLSearchParams();
  if (next && next !== '/' && !next.startsWith('/sign-in')) q.set('next', next);
  if (expired) q.set('expired', '1');
  const s = q.toString();
  return s ? `/sign-in?${s}` : '/sign-in';
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Center h="60vh"><Loader role="status" aria-label="…" /></Center>;
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return children;
}

export async function signOut(queryClient: QueryClient): Promise<void> {
  await unwrap(client.api.auth.logout.$post(), { quiet401: true }).catch(() => undefined);
  queryClient.clear();
  queryClient.setQueryData(['me'], null);
}
