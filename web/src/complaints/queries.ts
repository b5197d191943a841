// The questions the complaint and knowledge-base pages ask the API (TanStack Query over the typed client).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export const COMPLAINT_STATUSES = ['registered', 'in-work', 'waiting', 'decided', 'closed'] as const;
export const COMPLAINT_SOURCES = ['phone', 'email', 'portal', 'visit', 'letter', 'hotline'] as const;
export const DECISION_KINDS = ['satisfied', 'partly', 'refused'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export interface ComplaintFilter {
  q?: string | undefined;
  status?: ComplaintStatus | undefined;
  clientId?: string | undefined;
  overdue?: 'true' | undefined;
  sort: 'timeLeft' | '-registeredAt';
  offset: number;
  limit: number;
}

export function useComplaints(f: ComplaintFilter) {
  const query = {
    ...(f.q ? { q: f.q } : {}), ...(f.status ? { status: f.status } : {}), ...(f.clientId ? { clientId: f.clientId } : {}), ...(f.overdue ? { overdue: f.overdue } : {}),
    sort: f.sort, limit: String(f.limit), offset: String(f.offset),
  };
  return useQuery({ queryKey: ['complaints', query], queryFn: () => unwrap(client.api.complaints.$get({ query })), placeholderData: keepPreviousData });
}
export type ComplaintItem = NonNullable<ReturnType<typeof useComplaints>['data']>['items'][number];

export function useComplaint(id: string | undefined) {
  return useQuery({ queryKey: ['complaint', id], queryFn: () => unwrap(client.api.complaints[':id'].$get({ param: { id: id! } })), enabled: Boolean(id) });
}
export type ComplaintDetail = NonNullable<ReturnType<typeof useComplaint>['data']>;

export function useComplaintChoices() {
  return useQuery({ queryKey: ['complaint-choices'], queryFn: () => unwrap(client.api.complaints.choices.$get()), staleTime: 300_000 });
}

export function useKbSearch(q: string) {
  return useQuery({ queryKey: ['kb-search', q], queryFn: () => unwrap(client.api.kb.search.$get({ query: { q } })), enabled: q.trim().length > 0, placeholderData: keepPreviousData });
}
export type KbHit = NonNullable<ReturnType<typeof useKbSearch>['data']>['items'][number];

export function useArticle(id: string | undefined) {
  return useQuery({ queryKey: ['kb-article', id], queryFn: () => unwrap(client.api.kb.articles[':id'].$get({ param: { id: id! }, query: {} })), enabled: Boolean(id) });
}
