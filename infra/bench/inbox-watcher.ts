// Waits until a case's next assignment shows in an assignee's inbox, as a client that is not
// told which steps opened has to. One polling loop per assignee serves every waiting case, so
// the polling itself stays at one inbox request in flight per person, whatever the concurrency.
import { z } from 'zod';
import type { Api } from './api-client.ts';
import { now, sleep } from './stats.ts';

const WAIT_LIMIT_MS = 30_000;

const inboxItem = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  process: z.looseObject({ id: z.string() }).optional(),
  processId: z.string().optional(),
});
const inbox = z.looseObject({ items: z.array(inboxItem) });

interface Waiter {
  processId: string;
  seen: ReadonlySet<string>;
  since: number;
  resolve(found: { assignmentId: string; at: number }): void;
  reject(err: Error): void;
}

export class InboxWatcher {
  private readonly api: Api;
  private readonly waiters = new Set<Waiter>();
  private polling = false;
  /** Inbox requests sent, to show how much load the polling added. */
  polls = 0;

  constructor(api: Api) {
    this.api = api;
  }

  /** Resolves with the first open assignment of the case that is not in `seen`, and when it was seen. */
  waitFor(processId: string, seen: ReadonlySet<string>): Promise<{ assignmentId: string; at: number }> {
    return new Promise((resolve, reject) => {
      this.waiters.add({ processId, seen, since: now(), resolve, reject });
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        let items: z.infer<typeof inboxItem>[] = [];
        try {
          items = (await this.api.call('GET', '/api/assignments/inbox?status=open&limit=200', inbox)).items;
        } catch (err) {
          for (const w of this.waiters) w.reject(err instanceof Error ? err : new Error(String(err)));
          this.waiters.clear();
          return;
        }
        this.polls++;
        const at = now();
        for (const w of this.waiters) {
          const hit = items.find((a) => (a.process?.id ?? a.processId) === w.processId && (a.status ?? 'open') === 'open' && !w.seen.has(a.id));
          if (hit) {
            this.waiters.delete(w);
            w.resolve({ assignmentId: hit.id, at });
          } else if (at - w.since > WAIT_LIMIT_MS) {
            this.waiters.delete(w);
            w.reject(new Error(`no new assignment of case ${w.processId} in the inbox after ${WAIT_LIMIT_MS / 1000} s`));
          }
        }
        if (this.waiters.size > 0 && items.length === 0) await sleep(2);
      }
    } finally {
      this.polling = false;
    }
  }
}
