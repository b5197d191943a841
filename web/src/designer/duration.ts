// The duration picker's model: a number, a unit and working/calendar time, to and from the route
// language's durations ("P2D" is calendar time, { "working": "P2D" } working time). Durations
// with more than one part ("P1DT4H") have no single number and unit; the picker shows their ISO
// text to edit instead.
import type { DurationSpec } from '../../../domain/routes/graph-schema.ts';

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface DurationParts {
  amount: number;
  unit: DurationUnit;
  working: boolean;
}

const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** The ISO text of a spec, and whether it is working time. */
export function specText(spec: DurationSpec): { iso: string; working: boolean } {
  return typeof spec === 'string' ? { iso: spec, working: false } : { iso: spec.working, working: true };
}

/** A spec as number + unit, or null when it has several parts or is not a duration at all. */
export function parseDuration(spec: DurationSpec): DurationParts | null {
  const { iso, working } = specText(spec);
  const m = ISO.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const parts = [
    [m[1], 'weeks'],
    [m[2], 'days'],
    [m[3], 'hours'],
    [m[4], 'minutes'],
  ].filter((p): p is [string, DurationUnit] => p[0] !== undefined);
  if (parts.length !== 1) return null;
  const [[amount, unit]] = parts as [[string, DurationUnit]];
  return { amount: Number(amount), unit, working };
}

export function isoOf(amount: number, unit: DurationUnit): string {
  const n = Math.max(0, Math.round(amount));
  switch (unit) {
    case 'weeks':
      return `P${n}W`;
    case 'days':
      return `P${n}D`;
    case 'hours':
      return `PT${n}H`;
    case 'minutes':
      return `PT${n}M`;
  }
}

export function formatDuration(parts: DurationParts): DurationSpec {
  const iso = isoOf(parts.amount, parts.unit);
  return parts.working ? { working: iso } : iso;
}

/** The same ISO text as working or calendar time. */
export function withWorking(spec: DurationSpec, working: boolean): DurationSpec {
  const { iso } = specText(spec);
  return working ? { working: iso } : iso;
}
