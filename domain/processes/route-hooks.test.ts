// The designer's pickers read the operations and sources with their arguments from the zod schemas.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ListSource } from './list-sources.ts';
import type { RouteOperation } from './route-operations.ts';
import { routeHooks } from './route-hooks.ts';

describe('routeHooks', () => {
  it('lists each operation and source with its arguments, required ones marked', () => {
    const op: RouteOperation = { name: 'mail.send', description: 'Sends a campaign e-mail to the case client', args: z.object({ template: z.uuid().describe('The template'), send: z.string(), campaignId: z.uuid().nullable().optional() }), run: () => Promise.resolve() };
    const source: ListSource = { name: 'campaign.recipients', description: 'The campaign recipients', recordType: 'client', args: z.object({ campaignId: z.uuid() }), resolve: () => Promise.resolve([]) };
    expect(routeHooks(new Map([[op.name, op]]), new Map([[source.name, source]]))).toEqual({
      operations: [
        {
          name: 'mail.send',
          description: 'Sends a campaign e-mail to the case client',
          args: [
            { name: 'template', required: true, type: 'string', description: 'The template' },
            { name: 'send', required: true, type: 'string', description: null },
            { name: 'campaignId', required: false, type: null, description: null },
          ],
        },
      ],
      sources: [{ name: 'campaign.recipients', description: 'The campaign recipients', recordType: 'client', args: [{ name: 'campaignId', required: true, type: 'string', description: null }] }],
    });
  });
});
