// The questions the marketing screens ask the API (TanStack Query over the typed client).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export const CAMPAIGN_CHANNELS = ['mailing', 'phone', 'event', 'exhibition', 'advertising', 'website', 'other'] as const;
export const RESPONSE_KINDS = ['reply', 'click', 'registration', 'call'] as const;

export type SegmentFilter = Parameters<typeof client.api.segments.preview.$post>[0]['json']['filter'];

export function useSegments() {
  return useQuery({ queryKey: ['segments'], queryFn: () => unwrap(client.api.segments.$get()) });
}
export function useSegment(id: string | undefined) {
  return useQuery({ queryKey: ['segment', id], queryFn: () => unwrap(client.api.segments[':id'].$get({ param: { id: id! } })), enabled: Boolean(id) });
}
export function useSegmentPreview(filter: SegmentFilter) {
  return useQuery({ queryKey: ['segment-preview', filter], queryFn: () => unwrap(client.api.segments.preview.$post({ json: { filter } })), placeholderData: keepPreviousData });
}
export function useCampaignTemplates() {
  return useQuery({ queryKey: ['campaign-templates'], queryFn: () => unwrap(client.api['campaign-templates'].$get()), staleTime: 60_000 });
}
export function useCampaigns(offset: number) {
  const query = { limit: '50', offset: String(offset) };
  return useQuery({ queryKey: ['campaigns', query], queryFn: () => unwrap(client.api.campaigns.$get({ query })), placeholderData: keepPreviousData });
}
export function useCampaign(id: string | undefined) {
  return useQuery({ queryKey: ['campaign', id], queryFn: () => unwrap(client.api.campaigns[':id'].$get({ param: { id: id! } })), enabled: Boolean(id), refetchInterval: 10_000 });
}
export type CampaignView = NonNullable<ReturnType<typeof useCampaign>['data']>;
export function useCampaignResponses(id: string) {
  return useQuery({ queryKey: ['campaign-responses', id], queryFn: () => unwrap(client.api.campaigns[':id'].responses.$get({ param: { id }, query: { limit: '200' } })) });
}
export function useCampaignRecipients(id: string) {
  return useQuery({ queryKey: ['campaign-recipients', id], queryFn: () => unwrap(client.api.campaigns[':id'].recipients.$get({ param: { id }, query: { limit: '200' } })) });
}
export function useCampaignEffectiveness(id: string) {
  return useQuery({ queryKey: ['campaign-effectiveness', id], queryFn: () => unwrap(client.api.campaigns[':id'].effectiveness.$get({ param: { id } })), retry: false });
}

/** After a change the campaign's answers are asked again. */
export function useCampaignAction(id: string) {
  const qc = useQueryClient();
  const done = () => Promise.all(['campaign', 'campaign-responses', 'campaign-recipients', 'campaign-effectiveness', 'campaigns'].map((k) => qc.invalidateQueries({ queryKey: [k] })));
  return {
    start: useMutation({ mutationFn: () => unwrap(client.api.campaigns[':id'].start.$post({ param: { id } })), onSuccess: done }),
    cancel: useMutation({ mutationFn: () => unwrap(client.api.campaigns[':id'].cancel.$post({ param: { id }, json: {} })), onSuccess: done }),
    respond: useMutation({
      mutationFn: (b: { clientId: string; kind: (typeof RESPONSE_KINDS)[number]; note?: string }) => unwrap(client.api.campaigns[':id'].responses.$post({ param: { id }, json: b })),
      onSuccess: done,
    }),
  };
}
