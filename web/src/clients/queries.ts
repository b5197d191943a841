// The questions the client pages ask the API (TanStack Query over the typed client): the list with
// its filters, a card, the tag tree, a client's interactions, and the duplicate check while typing.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, client, unwrap } from '../api.ts';

export const CLIENT_SORTS = ['name', '-name', '-updatedAt', 'updatedAt', '-createdAt', 'createdAt', '-probability', 'probability'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];
export const CLIENT_KINDS = ['legal', 'sole-trader', 'person'] as const;
export const CLIENT_STAGES = ['potential', 'one-time', 'regular', 'lost'] as const;
export const SOURCE_CHANNELS = ['advertising', 'exhibition', 'recommendation', 'website', 'cold-call', 'incoming-call', 'mailing', 'partner', 'tender', 'other'] as const;
export const INTERACTION_KINDS = ['call', 'meeting', 'demonstration', 'email', 'letter'] as const;
export type ClientStage = (typeof CLIENT_STAGES)[number];
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface ClientListFilter {
  q?: string | undefined;
  ownerId?: string | undefined;
  stage?: ClientStage | undefined;
  tagId?: string | undefined;
  sourceChannel?: SourceChannel | undefined;
  region?: string | undefined;
  sort: ClientSort;
  limit: number;
  offset: number;
}

export function useClientList(f: ClientListFilter) {
  const query = {
    ...(f.q ? { q: f.q } : {}),
    ...(f.ownerId ? { ownerId: f.ownerId } : {}),
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.tagId ? { tagId: f.tagId } : {}),
    ...(f.sourceChannel ? { sourceChannel: f.sourceChannel } : {}),
    ...(f.region ? { region: f.region } : {}),
    sort: f.sort,
    limit: String(f.limit),
    offset: String(f.offset),
  };
  return useQuery({ queryKey: ['clients', query], queryFn: () => unwrap(client.api.clients.$get({ query })), placeholderData: keepPreviousData });
}
export type ClientListItem = NonNullable<ReturnType<typeof useClientList>['data']>['items'][number];

export function useClient(id: string | undefined) {
  return useQuery({ queryKey: ['client', id], queryFn: () => unwrap(client.api.clients[':id'].$get({ param: { id: id! } })), enabled: Boolean(id) });
}
export type ClientCard = NonNullable<ReturnType<typeof useClient>['data']>;
export type Contact = ClientCard['contacts'][number];

export function useTags() {
  return useQuery({ queryKey: ['client-tags'], queryFn: () => unwrap(client.api['client-tags'].$get({ query: {} })), staleTime: 60_000 });
}
export type Tag = NonNullable<ReturnType<typeof useTags>['data']>['items'][number];

/** The tree as indented choices, in reading order. */
export function tagChoices(tags: readonly Tag[]): { value: string; label: string }[] {
  return tags.map((t) => ({ value: t.id, label: `${'\u00a0\u00a0'.repeat(t.depth)}${t.name}` }));
}

export function useClientInteractions(clientId: string | undefined) {
  return useQuery({
    queryKey: ['interactions', { clientId }],
    queryFn: () => unwrap(client.api.interactions.$get({ query: { clientId: clientId!, sort: '-at', limit: '200' } })),
    enabled: Boolean(clientId),
  });
}
export type Interaction = NonNullable<ReturnType<typeof useClientInteractions>['data']>['items'][number];

export interface DuplicateMatch {
  id: string;
  name: string;
  owner: { id: string; name: string };
  matched: { field: 'inn' | 'phone' | 'email'; via: 'client' | 'contact'; value: string; contactName: string | null }[];
}

/** Asked only for values worth checking: a whole INN, a phone with enough digits, an e-mail with @. */
export function useDuplicateCheck(v: { inn: string; phone: string; email: string }) {
  const inn = /^(\d{10}|\d{12})$/.test(v.inn.trim()) ? v.inn.trim() : '';
  const phone = v.phone.replace(/\D/g, '').length >= 7 ? v.phone.trim() : '';
  const email = /^\S+@\S+\.\S+$/.test(v.email.trim()) ? v.email.trim() : '';
  const query = { ...(inn ? { inn } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
  return useQuery({
    queryKey: ['client-duplicates', query],
    queryFn: () => unwrap(client.api.clients.duplicates.$get({ query })),
    enabled: Boolean(inn || phone || email),
    staleTime: 30_000,
  });
}

/** Whether the person may open this client's card (the duplicate check names clients one may not see). */
export function useVisible(id: string) {
  return useQuery({
    queryKey: ['client', id],
    queryFn: () => unwrap(client.api.clients[':id'].$get({ param: { id } })),
    retry: false,
    select: () => true,
  });
}

/** The API's field problems keyed by the first segment of their path ('phones.0' -> 'phones'). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const p of err.problems) {
    const key = p.path.split('.')[0] ?? p.path;
    out[key] ??= p.message;
  }
  return out;
}

/** "+7 495 111-22-33, 8 903 ..." -> ['+7 495 111-22-33', '8 903 ...'] */
export const splitPhones = (s: string): string[] => s.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
