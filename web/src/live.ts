// Live updates: the notification stream (Server-Sent Events over the session cookie). Each new
// notification refetches the lists it may have changed; a slow poll covers what sends no notice
// (a colleague claiming from a shared queue, a withdrawn step).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

export const LIVE_KEYS = [['inbox'], ['queue'], ['notifications'], ['case'], ['cases'], ['team']] as const;

export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/notifications/stream');
    const refresh = () => {
      for (const key of LIVE_KEYS) void queryClient.invalidateQueries({ queryKey: key });
    };
    source.addEventListener('notification', refresh);
    // After a reconnect, catch up with what arrived while the stream was down.
    source.addEventListener('open', refresh);
    return () => source.close();
  }, [enabled, queryClient]);
}
