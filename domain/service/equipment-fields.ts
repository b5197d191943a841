// The equipment register's computed status and the "contract expiring soon" rule, in one place
// for the list's filter (SQL) and the card: a contract ends by the calendar, so nothing stores it.
import { sql, type RawBuilder } from 'kysely';

/** Days before a contract's end from which the register highlights it. */
export const EXPIRING_SOON_DAYS = 30;

/** The status of an equipment row aliased `q`, as SQL text. */
export const equipmentStatusSql = (): RawBuilder<string> =>
  sql<string>`case when q.removed_on is not null then 'removed' when q.contract_to is not null and q.contract_to < current_date then 'contract-expired' else 'in-service' end`;

/** True when the row's contract runs out within EXPIRING_SOON_DAYS (and has not yet). */
export const expiringSoonSql = (): RawBuilder<boolean> =>
  sql<boolean>`(q.removed_on is null and q.contract_to is not null and q.contract_to >= current_date and q.contract_to <= current_date + ${EXPIRING_SOON_DAYS}::int)`;
