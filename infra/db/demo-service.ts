// The demo company's service department: an installation order for each won demo deal (and each
// deal in the hand-off stage), standing
// in every status in turn (new, returned for missing data, accepted, scheduled, done, cancelled);
// the done ones put their units in the register under service contracts - some ending within the
// month, one expired - with visits and phone consultations. Generated from the won deals in a
// fixed order by a fixed rule, so the same demo data always gives the same service records.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { Employee, Equipment, InstallationOrder, InstallationStatusChange, PhoneConsultation, ServiceVisit } from '../../domain/entities/index.ts';
import type { InstallationLine, InstallationMove, InstallationStatus, VisitKind } from '../../domain/service/entities.ts';
import { demoEmail } from './demo-data.ts';

const DAY = 24 * 3600 * 1000;
// The first six orders take every status once, so even a small demo company shows them all.
const STATUSES: InstallationStatus[] = ['done', 'scheduled', 'new', 'accepted', 'returned', 'cancelled', 'done', 'scheduled', 'done'];
const STREETS = ['ул. Ленина', 'Профсоюзная ул.', 'ул. Гагарина', 'Садовая ул.', 'Заводская ул.', 'пр. Мира'];
const QUESTIONS: [string, string][] = [
  ['Витрина не держит температуру, компрессор работает без остановки', 'Проверить уплотнитель двери и очистить конденсатор; если не поможет - выезд'],
  ['На испарителе намерзает лёд', 'Включить принудительную оттайку, проверить таймер оттайки'],
  ['Ларь шумит после перестановки', 'Выставить по уровню, проверить, что задняя стенка не касается стены'],
  ['Как продлить договор на обслуживание?', 'Менеджер пришлёт дополнительное соглашение на подпись'],
];
const VISIT_KINDS: VisitKind[] = ['maintenance', 'repair', 'diagnostics'];
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Writes the service records for the demo deals already written. */
export async function writeDemoService(em: EntityManager, now: Date): Promise<void> {
  const person = async (key: string) => (await em.findOneOrFail(Employee, { email: demoEmail(key) })).id;
  const head = await person('service.head');
  const engineers = [await person('engineer1'), await person('engineer2')];
  const { rows: deals } = await sql<{ id: string; client_id: string; owner_id: string; title: string; lines: { name: string; quantity: number }[]; closed_at: Date; address: string | null }>`
    select d.id, d.client_id, d.owner_id, d.title, d.lines, d.closed_at, null as address from deal d join client c on c.id = d.client_id join deal_stage s on s.id = d.stage_id
    where d.status = 'won' or (d.status = 'open' and s.code = 'handoff') order by d.status desc, c.inn, d.title, d.id`.execute(em.getKysely());
  let serial = 0;
  let done = 0;
  for (const [n, d] of deals.entries()) {
    const status = STATUSES[n % STATUSES.length]!;
    const lines: InstallationLine[] = d.lines.filter((l) => !l.name.startsWith('Монтаж')).map((l) => ({ model: l.name, quantity: l.quantity }));
    if (!lines.length) continue;
    const handed = new Date(now.getTime() - (40 - (n % 30)) * DAY);
    const installBy = new Date(handed.getTime() + (14 + (n % 3) * 7) * DAY);
    const engineer = engineers[n % 2]!;
    const order = em.create(InstallationOrder, {
      id: crypto.randomUUID(), client: d.client_id, deal: d.id, contractNumber: `Д-${String(200 + n).padStart(4, '0')}`, installBy: day(installBy),
      siteAddress: `Москва, ${STREETS[n % STREETS.length]}, ${3 + n}, павильон ${1 + (n % 20)}`, lines, status,
      missing: status === 'returned' ? 'Нет схемы размещения оборудования и контакта на объекте' : null,
      returnDeadline: status === 'returned' ? day(new Date(now.getTime() + 2 * DAY)) : null,
      scheduledDate: status === 'scheduled' || status === 'done' ? day(new Date(installBy.getTime() - 2 * DAY)) : null,
      engineer: status === 'scheduled' || status === 'done' ? engineer : null,
      actNumber: status === 'done' ? `АКТ-${String(n + 1).padStart(4, '0')}` : null, actDate: status === 'done' ? day(new Date(installBy.getTime() - 2 * DAY)) : null,
      doneBy: status === 'done' ? engineer : null, cancelReason: status === 'cancelled' ? 'Клиент перенёс открытие павильона на следующий год' : null, notes: null,
      createdBy: d.owner_id, createdAt: handed, updatedBy: d.owner_id, updatedAt: handed,
    });
    const history: [InstallationMove, InstallationStatus | null, InstallationStatus, string][] = [['create', null, 'new', d.owner_id]];
    if (status === 'returned') history.push(['return', 'new', 'returned', head]);
    if (status === 'cancelled') history.push(['cancel', 'new', 'cancelled', head]);
    if (['accepted', 'scheduled', 'done'].includes(status)) history.push(['accept', 'new', 'accepted', head]);
    if (['scheduled', 'done'].includes(status)) history.push(['schedule', 'accepted', 'scheduled', head]);
    if (status === 'done') history.push(['complete', 'scheduled', 'done', engineer]);
    history.forEach(([move, from, to, by], i) => em.create(InstallationStatusChange, {
      id: crypto.randomUUID(), order, move, fromStatus: from, toStatus: to, by, caseId: null, at: new Date(handed.getTime() + i * DAY),
      comment: move === 'return' ? order.missing : move === 'cancel' ? order.cancelReason : null,
    }));
    if (status !== 'done') continue;
    const installed = new Date(installBy.getTime() - 2 * DAY);
    // Contracts for a year; of the completed orders every third ends within the month, every fourth has ended.
    const k = done++;
    const contractTo = k % 3 === 0 ? new Date(now.getTime() + (5 + (n % 20)) * DAY) : k % 4 === 1 ? new Date(now.getTime() - (10 + (n % 30)) * DAY) : new Date(installed.getTime() + 365 * DAY);
    const contractFrom = new Date(contractTo.getTime() - 365 * DAY);
    for (const l of lines) {
      for (let k = 0; k < l.quantity; k++) {
        serial++;
        const unit = em.create(Equipment, {
          id: crypto.randomUUID(), model: l.model, serialNumber: `LD-${String(serial).padStart(5, '0')}`, client: d.client_id, siteAddress: order.siteAddress,
          contractNumber: `СО-${String(200 + n).padStart(4, '0')}`, contractFrom: day(contractFrom), contractTo: day(contractTo), installedOn: day(installed),
          installation: order, removedOn: null, notes: null, createdBy: engineer, createdAt: installed, updatedBy: engineer, updatedAt: installed,
        });
        if (serial % 2 === 0) {
          const planned = new Date(now.getTime() + ((serial % 9) - 4) * 7 * DAY);
          const past = planned.getTime() < now.getTime();
          em.create(ServiceVisit, {
            id: crypto.randomUUID(), equipment: unit, plannedDate: day(planned), engineer: engineers[serial % 2]!, kind: VISIT_KINDS[serial % 3]!,
            result: past ? 'Проведено ТО: очищен конденсатор, проверено давление хладагента' : null, doneAt: past ? new Date(planned.getTime() + 10 * 3600 * 1000) : null,
            createdBy: head, createdAt: installed, updatedBy: head, updatedAt: installed,
          });
        }
        if (serial % 3 === 0) {
          const [question, answer] = QUESTIONS[serial % QUESTIONS.length]!;
          const at = new Date(now.getTime() - (serial % 20) * DAY - 3 * 3600 * 1000);
          em.create(PhoneConsultation, {
            id: crypto.randomUUID(), client: d.client_id, equipment: unit, question, answer, by: engineers[(serial + 1) % 2]!, at, durationMinutes: 5 + (serial % 15),
            createdAt: at, updatedBy: engineers[(serial + 1) % 2]!, updatedAt: at,
          });
        }
      }
    }
  }
  await em.flush();
}
