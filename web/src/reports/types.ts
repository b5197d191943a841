// The report APIs' answers as the screens read them (shapes from the timing, sales and clients
// report endpoints under /api/reports). Written here rather than inferred from AppType so the
// screens build while those endpoints are made in parallel; extra fields are ignored.

export interface Person { id: string; fullName: string }
export interface StageRef { id: string; code: string; name: string; nameEn: string | null }

export interface DailyReport {
  date: string;
  revenue: { day: number; monthToDate: number; byDay: { date: string; amount: number }[] };
  expected: { weighted: number; total: number; byMonth: { month: string; deals: number; total: number; weighted: number }[] };
  openByStage: { stage: StageRef; deals: number; amount: number; weighted: number }[];
}

export interface AtRiskItem {
  processId: string;
  subject: string;
  assignmentId: string;
  route: { key: string; name: string; version: number };
  nodeId: string;
  stepName: string;
  employee: Person | null;
  department: { id: string; name: string } | null;
  role: { code: string; name: string } | null;
  openedAt: string;
  dueAt: string;
  workingMsLeft: number;
  overdue: boolean;
  stuck: boolean;
  openWorkingMs: number;
  nodeP90Ms: number | null;
}

export interface AtRiskReport {
  withinHours: number;
  at: string;
  items: AtRiskItem[];
  byPerson: { employee: Person; atRisk: number; overdue: number; stuck: number }[];
  byDepartment: { department: { id: string; name: string } | null; atRisk: number; overdue: number; stuck: number }[];
}

export interface ComplaintsReport {
  from: string;
  to: string;
  /** Open now, per status, with those past their SLA due time. */
  open: { status: string; count: number; overdue: number }[];
  handling: { decided: number; medianMs: number | null; averageMs: number | null; withinSla: number | null };
  decisions: { kind: string; count: number; share: number }[];
}

export interface ManagersRow {
  employee: Person;
  won: number;
  lost: number;
  winRate: number | null;
  avgDurationDays: number | null;
  stuck: number;
  revenue: number;
  plan: number | null;
  commission: number;
}

export interface ManagersReport {
  from: string;
  to: string;
  workingDays: number;
  rows: ManagersRow[];
  refusals: { reason: string; count: number; share: number; byStage: { stage: StageRef; count: number }[] }[];
  norms: { kind: string; perDay: number; fact: number; share: number }[];
}

export type ContactKind = 'call' | 'meeting' | 'demonstration' | 'email' | 'letter';
export interface ActivityReport {
  from: string;
  to: string;
  rows: { employee: Person; kind: ContactKind; done: number; overdue: number; planned: number }[];
  totals: { employee: Person; done: number; overdue: number; planned: number }[];
}

export interface MonthlyReport {
  month: string;
  rows: { employee: Person; newInterests: number; proposals: number; proposalsAmount: number; plan: number | null; fact: number; fulfilment: number | null }[];
  salesFunnel: { stage: StageRef; entered: number; wentOn: number; conversion: number }[];
  activityFunnel: { step: string; count: number; conversion: number }[];
}

export interface TimingNode {
  nodeId: string;
  name: string;
  cases: number;
  steps: number;
  medianMs: number | null;
  p90Ms: number | null;
  queueMedianMs: number | null;
  assignedMedianMs: number | null;
  target: string | null;
  targetMs?: number | null;
  overDue: number;
  overDueShare: number;
  reworkShare: number;
  avgRepeats: number;
}

export interface ProcessTiming {
  route: { key: string; name: string; version: number; versionId: string };
  period: { from: string; to: string };
  nodes: TimingNode[];
  people: { nodeId: string; employee: Person; steps: number; medianMs: number | null; p90Ms: number | null; overDueShare: number | null }[];
  variants: { path: string[]; cases: number; share: number; medianMs: number | null }[];
  compare?: { version: number; versionId: string; nodes: TimingNode[] };
}

export interface BreachItem {
  processId: string;
  subject: string;
  assignmentId: string;
  employee: Person | null;
  openedAt: string;
  dueAt: string;
  closedAt: string | null;
  workingMs: number;
  overByMs: number;
}
export interface Breaches { items: BreachItem[]; nextCursor: string | null }

export interface ClientRef { id: string; name: string }
export interface AbcReport {
  total: number;
  classes: { class: 'A' | 'B' | 'C'; clients: number; value: number; share: number }[];
  /** Clients in the ranking; `items` holds its first page (500 unless asked). */
  itemsTotal: number;
  items: { client: ClientRef; value: number; share: number; cumulativeShare: number; class: 'A' | 'B' | 'C' }[];
}
export interface XyzReport {
  months: string[];
  itemsTotal: number;
  items: { client: ClientRef; total: number; mean: number; cv: number; class: 'X' | 'Y' | 'Z'; abcClass: 'A' | 'B' | 'C' }[];
  matrix: { abc: 'A' | 'B' | 'C'; xyz: 'X' | 'Y' | 'Z'; clients: number }[];
}
export interface StagesReport {
  stages: { stage: string; recorded: number; computed: number }[];
  mismatches: number;
  differing: { client: ClientRef; owner: Person; recorded: string; computed: string }[];
  retention: { previousBuyers: number; retained: number; ratio: number | null };
}
export interface CompletenessReport {
  clients: number;
  completeness: number | null;
  fields: { field: string; clients: number; filled: number; share: number | null }[];
  leastComplete: { client: ClientRef; owner: Person; completeness: number; missing: string[] }[];
}
export interface MarketingReport {
  items: { key: string | null; label: string | null; newClients: number; dealsOpened: number; dealsWon: number; revenue: number; conversion: number | null; averageDeal: number | null }[];
}
