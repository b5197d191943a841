// Serves the built web UI (web/dist) from the API process: hashed assets (/assets/*) cached for good, every
// other GET outside /api, /docs and /openapi.json answered with index.html so the browser's
// router can show client routes such as /tasks/<id> after a reload or from a bookmark.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

const SERVER_PATHS = /^\/(api|docs|openapi\.json)(\/|$)/;

export function mountWebUi<A extends Hono<AppEnv>>(app: A, distDir: string): A {
  const indexFile = path.join(distDir, 'index.html');
  app.use('/assets/*', async (c, next) => {
    await next();
    // Vite puts a content hash in every asset name: a changed file gets a new name.
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root: distDir }));
  app.get('*', async (c, next) => {
    // A path with a file extension is a missing file, not a page: it gets the usual 404.
    if (SERVER_PATHS.test(c.req.path) || path.extname(c.req.path) !== '') return next();
    const html = await readFile(indexFile, 'utf8').catch(() => undefined);
    if (html === undefined) return next();
    // index.html names the current hashed assets: never cache it.
    c.header('cache-control', 'no-cache');
    return c.html(html);
  });
  return app;
}
