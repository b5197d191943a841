// Relationship stages as purchases say they should be (1C CRM's potential -> one-time -> regular
// -> lost), and the retention ratio. A purchase is an invoice that received money, dated by its
// first payment: several partial payments of one invoice are one purchase.
import type { ClientStage } from '../../clients/entities.ts';

/** `day` plus `months` calendar months, YYYY-MM-DD (the 31st clamps to the month's last day). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * The stage purchases (their days, YYYY-MM-DD, up to `asOf`) put a client in on `asOf`: none -
 * potential; the last one more than 12 months before - lost; two or more within the last 12
 * months - regular; otherwise (one purchase in the last 12 months) - one-time.
 */
export function stageFromPurchases(purchaseDays: readonly string[], asOf: string): ClientStage {
  const days = purchaseDays.filter((d) => d <= asOf);
  if (days.length === 0) return 'potential';
  const yearAgo = addMonths(asOf, -12);
  const recent = days.filter((d) => d > yearAgo).length;
  if (recent === 0) return 'lost';
  return recent >= 2 ? 'regular' : 'one-time';
}

const lastDayOf = (month: string): string => new Date(Date.parse(`${addMonths(`${month}-01`, 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The period just before [from, to] (days inclusive) that it is compared with: as many whole
 * calendar months when the period is whole months (a quarter against the quarter before), else
 * as many days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (from.endsWith('-01') && to === lastDayOf(to.slice(0, 7))) {
    const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    const start = addMonths(from, -months);
    return { from: start, to: lastDayOf(addMonths(from, -1).slice(0, 7)) };
  }
  const day = 86_400_000;
  const f = Date.parse(`${from}T00:00:00Z`);
  const length = Date.parse(`${to}T00:00:00Z`) - f + day;
  return { from: new Date(f - length).toISOString().slice(0, 10), to: new Date(f - day).toISOString().slice(0, 10) };
}

/** Clients who bought in the previous period and again in this one, over those who bought in the previous one; null when nobody did. */
export function retention(previousBuyers: ReadonlySet<string>, currentBuyers: ReadonlySet<string>): { previousBuyers: number; retained: number; ratio: number | null } {
  let retained = 0;
  for (const id of previousBuyers) if (currentBuyers.has(id)) retained++;
  return { previousBuyers: previousBuyers.size, retained, ratio: previousBuyers.size ? retained / previousBuyers.size : null };
}
