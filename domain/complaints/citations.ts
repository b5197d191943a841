// A decision or a public message cites knowledge-base articles by id and version; the version must
// exist (it is kept in kb_article_revision), so what was cited can always be read as it was.
// A citation without a version takes the article's current one.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError } from '../errors.ts';
import type { Citation } from './entities.ts';

export interface CitationInput {
  articleId: string;
  version?: number | undefined;
}

export async function resolveCitations(em: EntityManager, input: CitationInput[], path: string): Promise<Citation[]> {
  const out: Citation[] = [];
  for (const [i, c] of input.entries()) {
    const { rows } = await sql<{ version: number; title: string }>`select r.version, r.title from kb_article_revision r join kb_article a on a.id = r.article_id
      where r.article_id = ${c.articleId}::uuid and r.version = coalesce(${c.version ?? null}::int, a.version)`.execute(em.getKysely());
    const row = rows[0];
    if (!row) throw new DomainError('unprocessable', `Article ${c.articleId}${c.version ? ` version ${c.version}` : ''} does not exist`, [{ path: `${path}[${i}]`, message: 'no such article version' }]);
    if (!out.some((o) => o.articleId === c.articleId && o.version === row.version)) out.push({ articleId: c.articleId, version: row.version, title: row.title });
  }
  return out;
}
