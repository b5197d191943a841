// Campaign effectiveness, as pure arithmetic over one row per recipient (effectiveness-query.ts
// reads them): recipients, delivered (a message of the campaign sent), opened, clicked, responses
// (distinct clients who responded), deals the recipient opened within the attribution window
// after the send started, those won, and revenue (payments received on those deals within the
// window). Cost is the actual cost when known, else the budget; per response and per won deal.
// Grouped by channel and segment a group's cost is the sum of its campaigns'; by region a
// campaign's cost is shared out by the region's share of its recipients.

export interface RecipientFigures {
  campaignId: string;
  clientId: string;
  /** The client's region when the campaign was sent. */
  region: string | null;
  delivered: boolean;
  opened: boolean;
  clicked: boolean;
  responded: boolean;
  dealsOpened: number;
  dealsWon: number;
  /** Kopecks. */
  revenue: number;
}

export interface CampaignFacts {
  id: string;
  name: string;
  channel: string;
  segment: string | null;
  /** Kopecks: the actual cost when known, else the budget. */
  cost: number;
}

export interface Figures {
  recipients: number;
  delivered: number;
  opened: number;
  clicked: number;
  responses: number;
  dealsOpened: number;
  dealsWon: number;
  revenue: number;
  cost: number;
  costPerResponse: number | null;
  costPerWonDeal: number | null;
}

const per = (cost: number, n: number): number | null => (n > 0 ? Math.round(cost / n) : null);

function sum(rows: readonly RecipientFigures[], cost: number): Figures {
  let delivered = 0, opened = 0, clicked = 0, responses = 0, dealsOpened = 0, dealsWon = 0, revenue = 0;
  for (const r of rows) {
    delivered += Number(r.delivered);
    opened += Number(r.opened);
    clicked += Number(r.clicked);
    responses += Number(r.responded);
    dealsOpened += r.dealsOpened;
    dealsWon += r.dealsWon;
    revenue += r.revenue;
  }
  cost = Math.round(cost);
  return { recipients: rows.length, delivered, opened, clicked, responses, dealsOpened, dealsWon, revenue, cost, costPerResponse: per(cost, responses), costPerWonDeal: per(cost, dealsWon) };
}

const byKey = <T>(items: readonly T[], key: (t: T) => string | null) => {
  const m = new Map<string | null, T[]>();
  for (const t of items) {
    const k = key(t);
    m.set(k, [...(m.get(k) ?? []), t]);
  }
  return m;
};

export function campaignFigures(campaign: CampaignFacts, rows: readonly RecipientFigures[]): Figures {
  return sum(rows.filter((r) => r.campaignId === campaign.id), campaign.cost);
}

export type Dimension = 'channel' | 'segment' | 'region';

/** One row per channel, segment or region (key null: none), biggest revenue first. */
export function groupFigures(campaigns: readonly CampaignFacts[], rows: readonly RecipientFigures[], by: Dimension): ({ key: string | null } & Figures)[] {
  const facts = new Map(campaigns.map((c) => [c.id, c]));
  const perCampaign = byKey(rows, (r) => r.campaignId);
  let groups: ({ key: string | null } & Figures)[];
  if (by === 'region') {
    // A campaign's cost shared by the region's share of its recipients.
    const costOf = (group: readonly RecipientFigures[]) =>
      group.reduce((acc, r) => acc + (facts.get(r.campaignId)?.cost ?? 0) / (perCampaign.get(r.campaignId)?.length ?? 1), 0);
    groups = [...byKey(rows, (r) => r.region)].map(([key, g]) => ({ key, ...sum(g, costOf(g)) }));
  } else {
    const keyOf = (c: CampaignFacts) => (by === 'channel' ? c.channel : c.segment);
    groups = [...byKey(campaigns, keyOf)].map(([key, cs]) => {
      const ids = new Set(cs.map((c) => c.id));
      return { key, ...sum(rows.filter((r) => ids.has(r.campaignId)), cs.reduce((a, c) => a + c.cost, 0)) };
    });
  }
  return groups.sort((a, b) => b.revenue - a.revenue || b.responses - a.responses || (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
}
