// Writing the knowledge base: a new article, or a change on the version the person saw (a stale one
// changes nothing: 409 with the current article). Every version is kept as a revision, so a
// complaint that cited version 2 still reads version 2 after the article moved on.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { KbArticle, KbArticleRevision } from '../entities/index.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkKbWrite } from './complaint-access.ts';

export interface ArticleFields {
  title: string;
  body: string;
  tags: string[];
  category: string;
}

const normTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];

export async function createArticle(em: EntityManager, actor: Actor, fields: ArticleFields, id?: string, at = new Date()): Promise<string> {
  if (id && (await em.count(KbArticle, { id }))) return id;
  checkKbWrite(actor);
  const article = em.create(KbArticle, {
    id: id ?? crypto.randomUUID(), ...fields, tags: normTags(fields.tags), author: actor.employeeId, createdAt: at, updatedBy: actor.employeeId, updatedAt: at,
  });
  em.create(KbArticleRevision, { id: crypto.randomUUID(), article, version: 1, ...fields, tags: normTags(fields.tags), by: actor.employeeId, at });
  await em.flush();
  return article.id;
}

export async function updateArticle(em: EntityManager, actor: Actor, id: string, version: number, change: Partial<ArticleFields>): Promise<void> {
  checkKbWrite(actor);
  const article = await em.findOne(KbArticle, id);
  if (!article) throw notFound('Article', id);
  if (article.version !== version) throw new StaleVersion('Article', id, version, article.version);
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  const now = new Date();
  em.assign(article, { ...defined, ...(change.tags ? { tags: normTags(change.tags) } : {}), updatedBy: actor.employeeId, updatedAt: now });
  em.create(KbArticleRevision, {
    id: crypto.randomUUID(), article, version: version + 1, title: article.title, body: article.body, tags: article.tags, category: article.category, by: actor.employeeId, at: now,
  });
  await flushVersioned(() => em.flush(), 'Article', id, version);
}
