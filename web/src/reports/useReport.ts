// One report section's data: fetched on its own (so the sections of a page load in parallel and a
// slow one holds nobody back), cancelled when the filters change, kept while the next loads.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getReport, type Query } from './http.ts';

export function useReport<T>(path: string, query: Query, enabled = true) {
  return useQuery({
    queryKey: ['report', path, query],
    queryFn: ({ signal }) => getReport<T>(path, query, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
