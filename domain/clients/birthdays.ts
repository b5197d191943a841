// Whose birthday is it today: the birthday-call schedule asks this every morning. "Today" is the
// company's date, not the server's (the schedule fires at 09:00 Moscow time, which is 06:00 UTC);
// a birthday on 29 February is kept on 28 February in the years without one, so nobody is
// skipped three years in four.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface BirthdayContact {
  contactId: string;
  contactName: string;
  phone: string | null;
  clientId: string;
  clientName: string;
  /** The client's owner, who makes the call; null when the client has none (no task then). */
  ownerEmail: string | null;
  birthDay: number;
  birthMonth: number;
}

/** The calendar date (YYYY-MM-DD) at `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The (month, day) birthdays celebrated on this date: 28 February also takes 29 February in a common year. */
export function birthdaysOn(date: string): { month: number; day: number }[] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const days = [{ month, day }];
  if (month === 2 && day === 28 && !isLeap(year)) days.push({ month: 2, day: 29 });
  return days;
}

/** Contacts whose birthday falls on `date` (the company's date), with their client and its owner. */
export async function contactsWithBirthday(em: EntityManager, date: string): Promise<BirthdayContact[]> {
  const days = birthdaysOn(date);
  const where = days.map(() => '(cc.birth_month = ? and cc.birth_day = ?)').join(' or ');
  const rows = await em.getConnection().execute<{ contact_id: string; contact_name: string; phone: string | null; client_id: string; client_name: string; owner_email: string | null; birth_day: number; birth_month: number }[]>(
    `select cc.id as contact_id, cc.full_name as contact_name, cc.phones[1] as phone, c.id as client_id, c.name as client_name,
            e.email as owner_email, cc.birth_day, cc.birth_month
       from client_contact cc join client c on c.id = cc.client_id left join employee e on e.id = c.owner_id and e.active
      where ${where}
      order by c.name, cc.full_name`,
    days.flatMap((d) => [d.month, d.day]),
  );
  return rows.map((r) => ({
    contactId: r.contact_id,
    contactName: r.contact_name,
    phone: r.phone,
    clientId: r.client_id,
    clientName: r.client_name,
    ownerEmail: r.owner_email,
    birthDay: r.birth_day,
    birthMonth: r.birth_month,
  }));
}
