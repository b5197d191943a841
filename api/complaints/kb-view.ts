// The read side of the knowledge base: the article list (filtered, sorted, paged), one article
// (the current version, or a past one a citation names), and the employee's right to write it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { KB_EDITORS } from '../../domain/complaints/complaint-access.ts';
import { notFound } from '../../domain/errors.ts';
import { hasAnyRole, type Actor } from '../../domain/identity/roles.ts';
import { isoTimestamp } from '../timestamps.ts';
import type { ArticleSort } from './schemas.ts';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const ORDER: Record<ArticleSort, RawBuilder<unknown>> = {
  title: sql`a.title asc, a.id asc`, '-title': sql`a.title desc, a.id desc`,
  updatedAt: sql`a.updated_at asc, a.id asc`, '-updatedAt': sql`a.updated_at desc, a.id desc`,
  category: sql`a.category asc, a.title asc, a.id asc`, '-category': sql`a.category desc, a.title asc, a.id asc`,
};

interface Row {
  id: string; title: string; body: string; tags: string[]; category: string; version: number; author_id: string; author_name: string;
  updated_by_id: string; updated_by_name: string; created_at: Date | string; updated_at: Date | string;
}
const view = (r: Row) => ({
  id: r.id, title: r.title, tags: r.tags, category: r.category, version: r.version, author: { id: r.author_id, name: r.author_name },
  updatedBy: { id: r.updated_by_id, name: r.updated_by_name }, createdAt: isoTimestamp(r.created_at), updatedAt: isoTimestamp(r.updated_at),
});

export async function listArticles(em: EntityManager, f: { q?: string | undefined; category?: string | undefined; tag?: string | undefined }, page: { sort: ArticleSort; limit: number; offset: number }) {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.q?.trim()) parts.push(sql`a.title ilike ${`%${likeEscape(f.q.trim())}%`}`);
  if (f.category) parts.push(sql`a.category = ${f.category}`);
  if (f.tag) parts.push(sql`${f.tag.toLowerCase()} = any(a.tags)`);
  const where = sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<Row>`select a.id, a.title, '' as body, a.tags, a.category, a.version, a.author_id, au.full_name as author_name, a.updated_by_id, ub.full_name as updated_by_name, a.created_at, a.updated_at
      from kb_article a join employee au on au.id = a.author_id join employee ub on ub.id = a.updated_by_id where ${where} order by ${ORDER[page.sort]} limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ n: string }>`select count(*) as n from kb_article a where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(view), total: Number(counted.rows[0]?.n ?? 0) };
}

/** The article as it is, or as it was at `version` (title, body, tags, category of that version). */
export async function articleDetail(em: EntityManager, actor: Actor, id: string, version?: number) {
  const { rows } = await sql<Row>`select a.id, coalesce(r.title, a.title) as title, coalesce(r.body, a.body) as body, coalesce(r.tags, a.tags) as tags, coalesce(r.category, a.category) as category,
      coalesce(r.version, a.version) as version, a.author_id, au.full_name as author_name, coalesce(r.by_id, a.updated_by_id) as updated_by_id, ub.full_name as updated_by_name,
      a.created_at, coalesce(r.at, a.updated_at) as updated_at
    from kb_article a left join kb_article_revision r on r.article_id = a.id and r.version = ${version ?? null}::int
    join employee au on au.id = a.author_id join employee ub on ub.id = coalesce(r.by_id, a.updated_by_id)
    where a.id = ${id}::uuid and (${version ?? null}::int is null or r.id is not null)`.execute(em.getKysely());
  const r = rows[0];
  if (!r) throw notFound(version === undefined ? 'Article' : `Version ${version} of article`, id);
  return { ...view(r), body: r.body, rights: { write: hasAnyRole(actor, KB_EDITORS) } };
}
