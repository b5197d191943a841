// What campaign routes reach in marketing through a `call` action: recording the response the
// per-client case received (the `response` event's kind and id), once.
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { RouteOperation } from '../processes/route-operations.ts';
import { RESPONSE_KINDS } from './entities.ts';
import { recordResponse } from './record-response.ts';

const recordResponseArgs = z.object({ campaignId: z.uuid(), kind: z.enum(RESPONSE_KINDS), responseId: z.uuid() });

export const recordResponseOperation: RouteOperation<typeof recordResponseArgs> = {
  name: 'campaign.record-response',
  description: "Records the client's response (reply, click, registration, call) against the campaign; the case's record is the client. A response id already recorded changes nothing.",
  args: recordResponseArgs,
  async run(ctx, args) {
    if (ctx.record?.type !== 'client') throw new DomainError('unprocessable', 'campaign.record-response needs a case about a client', [{ path: 'record', message: 'must be a client' }]);
    // The response's own id keys it, so a retried batch (same ctx.key) and a person's earlier entry both find the row.
    await recordResponse(ctx.em, { id: args.responseId, campaignId: args.campaignId, clientId: ctx.record.id, kind: args.kind, at: ctx.at, recordedBy: ctx.actorId });
  },
};
