// The list a campaign route's `foreach` node sends to: the campaign's segment evaluated and frozen
// at that moment (freeze-recipients.ts), one item per client with the owner's e-mail (the
// per-client case's call task goes to the owner).
import { z } from 'zod';
import type { ListSource } from '../processes/list-sources.ts';
import { freezeRecipients } from './freeze-recipients.ts';

const recipientsArgs = z.object({ campaignId: z.uuid() });

export const campaignRecipientsSource: ListSource<typeof recipientsArgs> = {
  name: 'campaign.recipients',
  description: "The campaign's recipients: its segment evaluated when the node is reached and frozen (a second resolve answers the frozen list); items are clients with variable owner (the owner's e-mail).",
  recordType: 'client',
  args: recipientsArgs,
  async resolve(ctx, args) {
    const rows = await freezeRecipients(ctx.em, args.campaignId, ctx.at);
    return rows.map((r) => ({ record: { type: 'client', id: r.clientId }, variables: { owner: r.ownerEmail } }));
  },
};
