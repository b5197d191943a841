// The mailing context's operations for a route's `call` action. `mail.send` queues the case's
// client as one recipient of a send (domain/mailing/queue-delivery.ts): a per-client campaign case
// runs it once per client, so a send of a campaign to a segment is as many calls as clients.
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { RouteOperation } from '../processes/route-operations.ts';
import { queueDelivery } from './queue-delivery.ts';

const mailSendArgs = z.object({
  template: z.uuid(),
  send: z.string().trim().min(1).max(100),
  campaignId: z.uuid().nullable().optional(),
});

export const mailSend: RouteOperation<typeof mailSendArgs> = {
  name: 'mail.send',
  description:
    "Queues the template's message to the case's client as one recipient of the send (its name within the campaign: main, reminder); never twice for the same send and client; skipped (with the reason) for an unsubscribed or bounced address, no e-mail, or no marketing consent.",
  args: mailSendArgs,
  async run(ctx, args) {
    if (ctx.record?.type !== 'client') throw new DomainError('unprocessable', 'mail.send needs a case about a client', [{ path: 'record', message: 'the case is not about a client' }]);
    // Unique per (send, client), so a retried batch (the same ctx.key) finds its delivery and stops.
    await queueDelivery(ctx.em, { templateId: args.template, send: args.send, campaignId: args.campaignId ?? null, clientId: ctx.record.id, processId: ctx.processId, at: ctx.at });
  },
};

