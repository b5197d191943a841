import { describe, expect, it } from 'vitest';
import { exportFileName, toCsv, type ExportTable } from './export.ts';

interface Row { name: string; amount: number; share: number | null }

const table: ExportTable<Row> = {
  name: 'managers',
  columns: [
    { label: 'Менеджер', value: (r) => r.name },
    { label: 'Выручка, ₽', value: (r) => r.amount },
    { label: 'Доля', value: (r) => r.share },
  ],
  rows: [
    { name: 'Иванов; Пётр', amount: 1234.5, share: 0.25 },
    { name: '=HYPERLINK("x")', amount: 0, share: null },
  ],
};

describe('CSV for Russian Excel', () => {
  it('starts with a BOM, separates by ";", quotes what needs it and writes decimal commas in Russian', () => {
    expect(toCsv(table, 'ru')).toBe('\uFEFFМенеджер;Выручка, ₽;Доля\r\n"Иванов; Пётр";1234,5;0,25\r\n"\'=HYPERLINK(""x"")";0;\r\n');
  });

  it('keeps decimal points in English', () => {
    expect(toCsv(table, 'en').split('\r\n')[1]).toBe('"Иванов; Пётр";1234.5;0.25');
  });

  it('names the file after the report and its period', () => {
    expect(exportFileName('Выручка по дням', { from: '2026-11-01', to: '2026-11-24' }, 'csv')).toBe('Выручка-по-дням_2026-11-01_2026-11-24.csv');
    expect(exportFileName('at-risk', {}, 'xlsx')).toBe('at-risk.xlsx');
  });
});
