// The questions the deals board and the deal page ask the API (TanStack Query over the typed
// client): the board with its filters, a deal, where a deal may move, and the changes.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export const LOSS_REASONS = ['price', 'competitor', 'no-budget', 'not-understood', 'postponed', 'no-response', 'requirements', 'other'] as const;
export type LossReason = (typeof LOSS_REASONS)[number];

export interface BoardFilter {
  q?: string | undefined;
  ownerId?: string | undefined;
}

export function useBoard(f: BoardFilter) {
  const query = { ...(f.q ? { q: f.q } : {}), ...(f.ownerId ? { ownerId: f.ownerId } : {}), cards: '50' };
  return useQuery({ queryKey: ['deals', 'board', query], queryFn: () => unwrap(client.api.deals.board.$get({ query })), placeholderData: keepPreviousData });
}

export function useDeal(id: string) {
  return useQuery({ queryKey: ['deals', 'one', id], queryFn: () => unwrap(client.api.deals[':id'].$get({ param: { id } })) });
}

export const fetchMoves = (id: string) => unwrap(client.api.deals[':id'].moves.$get({ param: { id } }));
export const completeStep = (assignmentId: string, outcome: string | null) =>
  unwrap(client.api.assignments[':id'].complete.$post({ param: { id: assignmentId }, json: outcome ? { outcome } : {} }));
export const patchStage = (id: string, version: number, stageId: string) => unwrap(client.api.deals[':id'].$patch({ param: { id }, json: { version, stageId } }));
export const closeDeal = (id: string, outcome: 'won' | 'lost', reason?: LossReason, comment?: string) =>
  unwrap(client.api.deals[':id'].close.$post({ param: { id }, json: { outcome, ...(outcome === 'lost' ? { reason: reason ?? 'other' } : {}), ...(comment ? { comment } : {}) } }));
