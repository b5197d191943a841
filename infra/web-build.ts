// Builds the web UI when its build is missing or older than its sources, so `npm start` and
// `npm test` need no separate step. Vite runs in a child process: the caller (the launcher, or
// vitest's global setup) keeps its own module graph and memory.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../temporal.config.ts';

export const WEB_ROOT = path.join(PROJECT_ROOT, 'web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');
// What the bundle is made from; the API's types reach the UI only as types, so api/ is not listed.
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'public'];

async function newestMtime(p: string): Promise<number> {
  const s = await stat(p).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(p);
  const times = await Promise.all(entries.map((e) => newestMtime(path.join(p, e))));
  return Math.max(s.mtimeMs, ...times);
}

export async function webBuildIsStale(): Promise<boolean> {
  const built = (await stat(path.join(WEB_DIST, 'index.html')).catch(() => undefined))?.mtimeMs;
  if (built === undefined) return true;
  const sources = await Promise.all(SOURCES.map((s) => newestMtime(path.join(WEB_ROOT, s))));
  return Math.max(...sources) > built;
}

export async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (!(await webBuildIsStale())) return;
  const started = Date.now();
  log('Building the web UI (web/dist is missing or older than web/src)');
  // NODE_ENV=production whoever calls (vitest sets 'test'): React's production build, not its dev one.
  const vite = path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', path.join(WEB_ROOT, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`Building the web UI failed (vite exit ${code}):\n${output.join('')}`);
  log(`Web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
