// Full-text search of the knowledge base (PostgreSQL, `russian` configuration, GIN index on the
// generated `search` vector). The Snowball stemmer gives "гарантийный" the stem "гарантийн" and
// "гарантия" the stem "гарант", so a plain match misses other word forms; each word of the query
// therefore matches its own stem or, as a prefix, a shortened stem ("гарант:*"). All words must
// match; when nothing does, any word may. Ranked by ts_rank (title weighs most), with the match
// highlighted in the title and a fragment of the body.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';

/** Private-use characters around a match in ts_headline's output; never in stored text shown raw. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface Segment {
  text: string;
  match: boolean;
}

/** Splits ts_headline output into plain and matched pieces (the UI renders them, no HTML). */
export function segments(marked: string): Segment[] {
  const out: Segment[] = [];
  for (const [i, part] of marked.split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part) out.push({ text: part, match: i % 2 === 1 });
  }
  return out;
}

/** The stem of each word, or a shorter prefix of it: three letters off a long stem, one off a middling one. */
export function queryTerms(stems: string[]): string[] {
  return stems.map((s) => {
    const clean = s.replace(/[^\p{L}\p{N}]/gu, '');
    if (!clean) return '';
    const prefix = clean.length >= 8 ? clean.slice(0, clean.length - 3) : clean.length >= 6 ? clean.slice(0, clean.length - 1) : clean;
    return prefix === clean ? `${clean}:*` : `(${clean} | ${prefix}:*)`;
  }).filter(Boolean);
}

export interface SearchHit {
  id: string;
  title: Segment[];
  fragment: Segment[];
  category: string;
  tags: string[];
  version: number;
  rank: number;
  updatedAt: Date | string;
}

export async function searchArticles(em: EntityManager, q: string, limit: number): Promise<{ items: SearchHit[]; total: number }> {
  const db = em.getKysely();
  const { rows: lex } = await sql<{ lexeme: string }>`select lexeme from unnest(to_tsvector('russian', ${q})) order by positions[1]`.execute(db);
  const terms = queryTerms(lex.map((l) => l.lexeme));
  if (!terms.length) return { items: [], total: 0 };
  const run = async (op: string) => {
    const query = sql`to_tsquery('simple', ${terms.join(op)})`;
    const opts = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=10, FragmentDelimiter=" … "`;
    const [rows, count] = await Promise.all([
      sql<{ id: string; title: string; fragment: string; category: string; tags: string[]; version: number; rank: number; updated_at: Date | string }>`
        select a.id, ts_headline('russian', a.title, q, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) as title,
          ts_headline('russian', a.body, q, ${opts}) as fragment, a.category, a.tags, a.version, ts_rank(a.search, q) as rank, a.updated_at
        from kb_article a, ${query} q where a.search @@ q order by rank desc, a.title, a.id limit ${limit}`.execute(db),
      sql<{ n: string }>`select count(*) as n from kb_article a, ${query} q where a.search @@ q`.execute(db),
    ]);
    return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
  };
  let found = await run(' & ');
  if (!found.total && terms.length > 1) found = await run(' | ');
  return {
    total: found.total,
    items: found.rows.map((r) => ({ id: r.id, title: segments(r.title), fragment: segments(r.fragment), category: r.category, tags: r.tags, version: r.version, rank: Number(r.rank), updatedAt: r.updated_at })),
  };
}
