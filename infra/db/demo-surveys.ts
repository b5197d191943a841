// Demo answers to the satisfaction questionnaire, so the results page has charts on day one: about
// 40 answer sets over the last two months, by phone and by e-mail, from the first clients by name,
// by a fixed rule (the same day gives the same answers). Every eighth has a low equipment score and
// opens a complaint; the survey sweep starts those complaints' route after the start.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { QuestionnaireVersion } from '../../domain/surveys/entities.ts';
import { SATISFACTION } from '../../domain/surveys/satisfaction.ts';
import { storeAnswers } from '../../domain/surveys/store-answers.ts';

const IMPROVE = ['Быстрее привозить запчасти', 'Предупреждать о приезде монтажников заранее', 'Больше моделей витрин', 'Всё устраивает', 'Понятнее счета'];

export async function writeDemoSurveys(em: EntityManager, now: Date, count: number): Promise<void> {
  if (count <= 0) return;
  const db = em.getKysely();
  const { rows: [q] } = await sql<{ id: string; v: number }>`select id, published_version as v from questionnaire where key = ${SATISFACTION.key}`.execute(db);
  if (!q || q.v === 0) return;
  const version = await em.findOneOrFail(QuestionnaireVersion, { questionnaire: q.id, version: q.v });
  const { rows: clients } = await sql<{ id: string; owner_id: string }>`select id, owner_id from client order by name, id limit ${count}`.execute(db);
  for (const [i, c] of clients.entries()) {
    const phone = i % 2 === 0;
    const low = i % 8 === 3;
    const values = {
      equipment: low ? 2 : 3 + (i % 3),
      installation: 3 + ((i + 1) % 3),
      ...(i % 4 !== 0 ? { service: 2 + (i % 4) } : {}),
      recommend: low ? 4 : [10, 9, 8, 7, 9, 10, 6][i % 7]!,
      ...(i % 3 === 0 ? { improve: IMPROVE[i % IMPROVE.length]! } : {}),
    };
    await storeAnswers(em, {
      key: `demo:${i}`, versionId: version.id, questions: version.questions, clientId: c.id, channel: phone ? 'phone' : 'email',
      answeredBy: phone ? c.owner_id : null, answeredAt: new Date(now.getTime() - (1 + ((i * 37) % 58)) * 86_400_000 - i * 3_600_000), values,
    });
  }
}
