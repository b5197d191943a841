// The questions the calendar and the client card's deals and cases sections ask the API.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export const KINDS = ['call', 'meeting', 'demonstration', 'email', 'letter'] as const;
export type Kind = (typeof KINDS)[number];

/** The plans of some of my reports side by side, or of all of them (null). */
export function useTeamCalendar(employeeIds: string[] | null, period: { from: string; to: string }, enabled: boolean) {
  const query = { from: period.from, to: period.to, sort: 'at' as const, limit: '200', ...(employeeIds ? { employeeIds: employeeIds.join(',') } : { team: 'true' as const }) };
  return useQuery({
    queryKey: ['interactions', 'team', query],
    queryFn: () => unwrap(client.api.interactions.$get({ query })),
    placeholderData: keepPreviousData,
    enabled: enabled && (employeeIds === null || employeeIds.length > 0),
  });
}

export function useMyCalendar(employeeId: string | undefined, period: { from: string; to: string }) {
  return useQuery({
    queryKey: ['interactions', 'calendar', employeeId, period],
    queryFn: () => unwrap(client.api.interactions.$get({ query: { employeeId: employeeId!, from: period.from, to: period.to, sort: 'at', limit: '200' } })),
    placeholderData: keepPreviousData,
    enabled: Boolean(employeeId),
  });
}
export type CalendarItem = NonNullable<ReturnType<typeof useMyCalendar>['data']>['items'][number];

export function useTeamSummary(employeeIds: string[] | null, period: { from: string; to: string }, enabled: boolean) {
  const query = { from: period.from, to: period.to, ...(employeeIds ? { employeeIds: employeeIds.join(',') } : {}) };
  return useQuery({
    queryKey: ['interactions', 'summary', query],
    queryFn: () => unwrap(client.api.interactions.summary.$get({ query })),
    enabled: enabled && (employeeIds === null || employeeIds.length > 0),
    placeholderData: keepPreviousData,
  });
}

/** The people below me; an error (no team) reads as nobody. */
export function useMyReports() {
  return useQuery({ queryKey: ['team'], queryFn: () => unwrap(client.api.team.$get({ query: {} })), retry: false, staleTime: 60_000 });
}

export function useClientSearch(q: string) {
  return useQuery({
    queryKey: ['clients', 'pick', q],
    queryFn: () => unwrap(client.api.clients.$get({ query: { ...(q ? { q } : {}), sort: 'name', limit: '20' } })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useClientDeals(clientId: string) {
  return useQuery({
    queryKey: ['deals', { clientId }],
    queryFn: () => unwrap(client.api.deals.$get({ query: { clientId, sort: '-updatedAt', limit: '50' } })),
  });
}

export function useClientCases(clientId: string) {
  return useQuery({
    queryKey: ['cases', { clientId }],
    queryFn: () => unwrap(client.api.processes.$get({ query: { clientId, limit: '50' } })),
  });
}
