// Publish-time checks of the call action and the foreach node: names that exist, literal
// arguments in the operation's shape, items from a declared list or a known source, a body route
// about the items' kind of record, counters that exist, limits, no lists into child cases.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ListSource } from '../processes/list-sources.ts';
import type { RouteOperation } from '../processes/route-operations.ts';
import { action, directory, end, problemsOf, route, type Draft } from './graph-checks/test-graphs.ts';
import type { RouteDirectory } from './validate-route.ts';
import { FOREACH_MAX_LIMIT } from './graph-schema.ts';

const send: RouteOperation = { name: 'mail.send', description: 'Sends a campaign e-mail', args: z.object({ template: z.uuid(), send: z.string().min(1) }), run: () => Promise.resolve() };
const recipients: ListSource = { name: 'campaign.recipients', description: 'Recipients', recordType: 'client', args: z.object({ campaignId: z.uuid() }), resolve: () => Promise.resolve([]) };
const dir: RouteDirectory = {
  ...directory,
  publishedRoutes: new Set([...(directory.publishedRoutes ?? []), 'per-client', 'per-deal']),
  routeSubjects: new Map([['per-client', 'client'], ['per-deal', 'deal']]),
  operations: new Map([[send.name, send]]),
  listSources: new Map([[recipients.name, recipients]]),
};
const call = (args: Record<string, unknown>, operation = 'mail.send') => route([action('send', { type: 'call', operation, args }, { next: 'done' }), end('done')], { variables: { template: { type: 'text' } } });
const foreach = (extra: Draft, variables: Draft = { clients: { type: 'list', of: 'id' }, campaign: { type: 'text' } }) =>
  route([{ id: 'each', kind: 'foreach', items: { from: 'variables.clients' }, route: 'per-client', next: 'done', ...extra }, end('done')], { variables });
const messages = (draft: Draft) => problemsOf(draft, dir).map((p) => `${p.path}: ${p.message}`);

describe('call', () => {
  it('accepts a known operation with literal and copied arguments', () => {
    expect(messages(call({ template: { from: 'variables.template' }, send: 'main' }))).toEqual([]);
  });
  it('names the unknown operation and lists the known ones', () => {
    expect(messages(call({}, 'mail.sned'))).toEqual(['nodes[0].do.operation: no operation "mail.sned"; the operations are mail.send']);
  });
  it('checks literal arguments against the operation, copies only that they exist', () => {
    expect(messages(call({ template: 'not-a-uuid', send: '' }))).toEqual([expect.stringMatching(/^nodes\[0\]\.do\.args\.template: /), expect.stringMatching(/^nodes\[0\]\.do\.args\.send: /)]);
    expect(messages(call({ template: { from: 'variables.nope' }, send: 'main' }))).toEqual(['nodes[0].do.args.template.from: copies from "variables.nope": unknown variable "nope"']);
  });
});

describe('foreach', () => {
  it('accepts a list variable or a known source, with a completion condition over its counters', () => {
    expect(messages(foreach({ completeWhen: { '>=': [{ var: 'items.succeeded' }, 2] }, inputs: { campaign: { from: 'variables.campaign' } } }))).toEqual([]);
    expect(messages(foreach({ items: { source: 'campaign.recipients', args: { campaignId: { from: 'variables.campaign' } } } }))).toEqual([]);
  });
  it('refuses items that are no list, an unknown source, and a body about another kind of record', () => {
    expect(messages(foreach({ items: { from: 'variables.campaign' } }))).toEqual(['nodes[0].items.from: the variable "campaign" is text, but a foreach walks a list']);
    expect(messages(foreach({ items: { source: 'campaign.recipents', args: {} } }))).toEqual(['nodes[0].items.source: no list source "campaign.recipents"; the sources are campaign.recipients']);
    expect(messages(foreach({ items: { source: 'campaign.recipients', args: { campaignId: { from: 'variables.campaign' } } }, route: 'per-deal' }))).toEqual([
      'nodes[0].route: the items of "campaign.recipients" are client records, but the route "per-deal" is about a deal; its body route must have "subject": "client"',
    ]);
  });
  it('refuses an unpublished body route, a limit out of range, unknown counters and lists into children', () => {
    expect(messages(foreach({ route: 'nowhere' }))).toEqual(['nodes[0].route: no published route has the key "nowhere"; publish it first']);
    expect(messages(foreach({ limit: FOREACH_MAX_LIMIT + 1 }))).toEqual([expect.stringMatching(/^nodes\[0\]\.limit: /)]);
    expect(messages(foreach({ completeWhen: { '>=': [{ var: 'items.won' }, 2] } }))).toEqual([expect.stringContaining('unknown counter "won"')]);
    expect(messages(foreach({ inputs: { all: { from: 'variables.clients' } } }))).toEqual(['nodes[0].inputs.all: "variables.clients" is a list; a child case gets one item of a list through a foreach, not the whole list']);
  });
  it('keeps items.* to completeWhen', () => {
    const draft = route([{ id: 'd', kind: 'decision', branches: [{ when: { '>': [{ var: 'items.total' }, 1] }, next: 'done' }], otherwise: 'done' }, end('done')]);
    expect(messages(draft)).toEqual([expect.stringContaining("items.<counter> is read only by a foreach node's completeWhen")]);
  });
  it('asks a list variable to say what it holds', () => {
    expect(messages(foreach({}, { clients: { type: 'list' } }))).toEqual([expect.stringMatching(/^variables\.clients\.of: a list variable says what it holds/)]);
  });
});
