// One management report as the bench times it: the endpoint a screen calls, and the SQL a
// hand-written query would run to get the same figures (the baseline it must stay within 2x of).
export interface ReportBench {
  /** What the row of the bench table says, e.g. 'daily revenue'. */
  name: string;
  /** The endpoint, called as the demo commercial director (who sees the whole company). */
  path: string;
  /** The statement(s) the report needs, run one after another through a bare pg connection. */
  rawSql: string[];
}
