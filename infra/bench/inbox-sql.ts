// The SQL that GET /api/assignments/inbox runs for its list, copied from pg_stat_statements
// (the bench writes what it saw to .bench-data/inbox-observed.sql on every run and warns when
// it no longer matches). When the inbox query changes, paste the new statement(s) here; each
// entry says how to fill its $n parameters for one employee, status and page size.

export interface InboxStatement {
  text: string;
  params(employeeId: string, status: 'open' | 'completed', limit: number): unknown[];
}

const ASSIGNMENT_WITH_ROUTE = `select "a0".*, "p1"."id" as "p1__id", "p1"."workflow_id" as "p1__workflow_id", "p1"."route_version_id" as "p1__route_version_id", "p1"."parent_id" as "p1__parent_id", "p1"."subject" as "p1__subject", "p1"."variables" as "p1__variables", "p1"."status" as "p1__status", "p1"."result" as "p1__result", "p1"."current_step_id" as "p1__current_step_id", "p1"."current_step_name" as "p1__current_step_name", "p1"."started_by_id" as "p1__started_by_id", "p1"."started_at" as "p1__started_at", "p1"."ended_at" as "p1__ended_at", "r2"."id" as "r2__id", "r2"."route_id" as "r2__route_id", "r2"."version" as "r2__version", "r2"."definition" as "r2__definition", "r2"."published_at" as "r2__published_at", "r2"."published_by_id" as "r2__published_by_id", "r3"."id" as "r3__id", "r3"."key" as "r3__key", "r3"."name" as "r3__name", "r3"."draft" as "r3__draft", "r3"."draft_revision" as "r3__draft_revision", "r3"."draft_updated_at" as "r3__draft_updated_at", "r3"."draft_updated_by_id" as "r3__draft_updated_by_id", "r3"."latest_version" as "r3__latest_version", "r3"."created_at" as "r3__created_at" from "assignment" as "a0" inner join "process" as "p1" on "a0"."process_id" = "p1"."id" inner join "route_version" as "r2" on "p1"."route_version_id" = "r2"."id" inner join "route" as "r3" on "r2"."route_id" = "r3"."id" where "a0"."assignee_id" = $1 and "a0"."status" = $2`;

/** Statements per inbox list, in the order the API runs them. */
export const INBOX_SQL: Record<'open' | 'completed', InboxStatement[]> = {
  // Open work, earliest due first.
  open: [{ text: `${ASSIGNMENT_WITH_ROUTE} order by "a0"."due_at" asc, "a0"."id" asc limit $3`, params: (id, status, limit) => [id, status, limit] }],
  // Done work (?status=completed).
  completed: [{ text: `${ASSIGNMENT_WITH_ROUTE} order by "a0"."opened_at" asc, "a0"."id" asc limit $3`, params: (id, status, limit) => [id, status, limit] }],
};

/** Collapses whitespace and case, to compare a statement with what pg_stat_statements recorded. */
export const normaliseSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim().toLowerCase();
