// The questions the campaign mail screens ask the API (TanStack Query over the typed client).
import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export function useTemplates(campaignId?: string) {
  const query = campaignId ? { campaignId } : {};
  return useQuery({ queryKey: ['mail-templates', query], queryFn: () => unwrap(client.api.mail.templates.$get({ query })) });
}

export function useTemplate(id: string) {
  return useQuery({ queryKey: ['mail-template', id], queryFn: () => unwrap(client.api.mail.templates[':id'].$get({ param: { id } })) });
}

/** Polled every two seconds while any send still has messages to go. */
export function useSends(campaignId: string) {
  return useQuery({
    queryKey: ['mail-sends', campaignId],
    queryFn: () => unwrap(client.api.mail.sends.$get({ query: { campaignId } })),
    refetchInterval: (q) => (q.state.data?.items.some((s) => s.queued > 0) ? 2_000 : 15_000),
  });
}

export type DeliveryStatus = 'queued' | 'sent' | 'failed' | 'bounced' | 'skipped';

export function useDeliveries(sendId: string, status: DeliveryStatus | undefined, running: boolean) {
  const query = { limit: '50', offset: '0', ...(status ? { status } : {}) };
  return useQuery({
    queryKey: ['mail-deliveries', sendId, query],
    queryFn: () => unwrap(client.api.mail.sends[':id'].deliveries.$get({ param: { id: sendId }, query })),
    refetchInterval: running ? 2_000 : false,
  });
}
