// Histories recorded by the tests are committed under workflows/histories/ and replayed against
// the current interpreter in every run, so a code change that would break running cases (a
// non-deterministic change) fails CI. Set RECORD_HISTORIES=1 to (re)write them. They are stored
// as binary protobuf, the SDK's own wire format (its JSON helper trips over duplicate protobufjs
// copies in node_modules).
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PROJECT_ROOT } from '../../temporal.config.ts';

const { History } = temporal.api.history.v1;
export const HISTORIES_DIR = path.join(PROJECT_ROOT, 'workflows', 'histories');

/** Writes the handle's history as `<name>.history.pb` when recording is switched on. */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = History.fromObject(await handle.fetchHistory());
  await writeFile(path.join(HISTORIES_DIR, `${name}.history.pb`), History.encode(history).finish());
}

export async function recordedHistories(): Promise<{ name: string; history: temporal.api.history.v1.History }[]> {
  const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.history.pb')).sort();
  return Promise.all(files.map(async (f) => ({ name: f.replace(/\.history\.pb$/, ''), history: History.decode(await readFile(path.join(HISTORIES_DIR, f))) })));
}
