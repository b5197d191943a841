// Turns a run's measurements into one markdown table (product, bare, ratio, the goal)
// headed by the machine it ran on.
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export interface Row {
  measure: string;
  product: number;
  /** What the product is compared with; undefined when there is no bare counterpart. */
  bare?: number | undefined;
  digits?: number;
  goal?: string;
}

export async function machine(pgVersion: string): Promise<string> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${os.availableParallelism()} CPUs (nproc), ${model}, ${gib} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}, ${pgVersion}, Temporal dev server (temporal CLI, SQLite)`;
}

const fmt = (n: number | undefined, digits: number): string => (n === undefined ? '-' : Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| measure | product | bare | product / bare | goal (its issue) |', '|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const digits = r.digits ?? 1;
    const ratio = r.bare === undefined || r.bare === 0 ? '-' : `${fmt(r.product / r.bare, 2)}x`;
    lines.push(`| ${r.measure} | ${fmt(r.product, digits)} | ${fmt(r.bare, digits)} | ${ratio} | ${r.goal ?? ''} |`);
  }
  return lines.join('\n');
}
