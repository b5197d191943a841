// The questions the service screens ask the API (TanStack Query over the typed client): the
// register, installation orders, one order, visits, consultations, a client's equipment.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api.ts';

export const EQUIPMENT_STATUSES = ['in-service', 'contract-expired', 'removed'] as const;
export const INSTALLATION_STATUSES = ['new', 'returned', 'accepted', 'scheduled', 'done', 'cancelled'] as const;
export const VISIT_KINDS = ['maintenance', 'repair', 'diagnostics'] as const;
export const EQUIPMENT_SORTS = ['contractTo', '-contractTo', 'model', '-model', 'serialNumber', 'installedOn', '-installedOn', 'client', '-client'] as const;
export const INSTALLATION_SORTS = ['installBy', '-installBy', 'scheduledDate', '-scheduledDate', '-updatedAt', '-createdAt', 'client'] as const;
export const VISIT_SORTS = ['-plannedDate', 'plannedDate', '-updatedAt'] as const;
export const CONSULTATION_SORTS = ['-at', 'at', '-durationMinutes', 'durationMinutes'] as const;

/** Only the filters that are set, as the query strings the API reads. */
const defined = (q: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));

export type Query = Record<string, string | number | undefined>;

export function useEquipmentList(q: Query) {
  const query = defined(q);
  return useQuery({ queryKey: ['equipment', query], queryFn: () => unwrap(client.api.equipment.$get({ query })), placeholderData: keepPreviousData });
}
export type Unit = NonNullable<ReturnType<typeof useEquipmentList>['data']>['items'][number];

export function useInstallations(q: Query) {
  const query = defined(q);
  return useQuery({ queryKey: ['installations', query], queryFn: () => unwrap(client.api.installations.$get({ query })), placeholderData: keepPreviousData });
}
export type OrderItem = NonNullable<ReturnType<typeof useInstallations>['data']>['items'][number];

export function useInstallation(id: string | undefined) {
  return useQuery({ queryKey: ['installation', id], queryFn: () => unwrap(client.api.installations[':id'].$get({ param: { id: id! } })), enabled: Boolean(id) });
}
export type Order = NonNullable<ReturnType<typeof useInstallation>['data']>;

export function useVisits(q: Query) {
  const query = defined(q);
  return useQuery({ queryKey: ['service-visits', query], queryFn: () => unwrap(client.api['service-visits'].$get({ query })), placeholderData: keepPreviousData });
}

export function useConsultations(q: Query) {
  const query = defined(q);
  return useQuery({ queryKey: ['consultations', query], queryFn: () => unwrap(client.api.consultations.$get({ query })), placeholderData: keepPreviousData });
}

export function useClientEquipment(clientId: string) {
  return useQuery({ queryKey: ['equipment', 'client', clientId], queryFn: () => unwrap(client.api.clients[':id'].equipment.$get({ param: { id: clientId }, query: { limit: '50' } })) });
}
