// Timestamps as the API writes them: ISO 8601 in UTC with milliseconds (what Date#toISOString
// gives). MikroORM has the pg driver hand timestamptz columns over as PostgreSQL's text, e.g.
// `2026-11-24 09:00:00.123456+00`; parsing that with `new Date` takes V8's slow legacy parser,
// which cost a list of 100 assignments more than its SQL did. A UTC value is rewritten as text;
// any other offset is made ISO 8601 first, which Date parses on its fast path.
const PG_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

export function isoTimestamp(value: Date | string): string {
  if (typeof value !== 'string') return value.toISOString();
  const utc = PG_UTC.exec(value);
  // Date keeps milliseconds and drops the rest; so does this.
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  return new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
}

export const isoTimestampOrNull = (value: Date | string | null): string | null => (value === null ? null : isoTimestamp(value));
