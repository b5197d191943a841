// The SQL that GET /api/assignments/inbox runs for its list, copied from pg_stat_statements
// (the bench writes what it saw to .bench-data/inbox-observed.sql on every run and warns when
// it no longer matches). When the inbox query changes, paste the new statement(s) here; each
// entry says how to fill its $n parameters for one employee, status and page size.

export interface InboxStatement {
  text: string;
  params(employeeId: string, status: 'open' | 'completed', limit: number): unknown[];
}

/** Statements per inbox list, in the order the API runs them (the API remembers sessions, so a list runs only these). */
export const INBOX_SQL: Record<'open' | 'completed', InboxStatement[]> = {
  // Open work, earliest due first (undated last); one page.
  open: [{ text: `select "a".*, "p"."subject", "p"."record_type", "p"."record_id", "r"."key" as "route_key", "r"."name" as "route_name" from (select "a"."id", "a"."process_id", "a"."step_id", "a"."step_name", "a"."assignee_id", "a"."role_code", "a"."status", "a"."priority", "a"."opened_at", "a"."due_at", "a"."claimed_at", "a"."completed_at", "a"."completed_by_id", "a"."outcome" from "assignment" as "a" where "a"."assignee_id" = $1 and "a"."status" = $2 order by "a"."due_at" asc nulls last, "a"."id" limit $3) as "a" inner join "process" as "p" on "p"."id" = "a"."process_id" inner join "route_version" as "v" on "v"."id" = "p"."route_version_id" inner join "route" as "r" on "r"."id" = "v"."route_id" order by "a"."due_at" asc nulls last, "a"."id" asc`, params: (id, status, limit) => [id, status, limit] }],
  // Done work (?status=completed), latest first.
  completed: [{ text: `select "a".*, "p"."subject", "p"."record_type", "p"."record_id", "r"."key" as "route_key", "r"."name" as "route_name" from (select "a"."id", "a"."process_id", "a"."step_id", "a"."step_name", "a"."assignee_id", "a"."role_code", "a"."status", "a"."priority", "a"."opened_at", "a"."due_at", "a"."claimed_at", "a"."completed_at", "a"."completed_by_id", "a"."outcome" from "assignment" as "a" where "a"."assignee_id" = $1 and "a"."status" = $2 order by "a"."completed_at" desc, "a"."id" desc limit $3) as "a" inner join "process" as "p" on "p"."id" = "a"."process_id" inner join "route_version" as "v" on "v"."id" = "p"."route_version_id" inner join "route" as "r" on "r"."id" = "v"."route_id" order by "a"."completed_at" desc, "a"."id" desc`, params: (id, status, limit) => [id, status, limit] }],
};

/** Collapses whitespace and case, to compare a statement with what pg_stat_statements recorded. */
export const normaliseSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim().toLowerCase();
