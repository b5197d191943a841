// The public links of campaign mail (no sign-in): a click `/m/c/<token>-<n>` is recorded and
// redirected to the n-th target the message held (looked up here, so no open redirect); the open
// pixel `/m/o/<token>.gif`; unsubscribe `/m/u/<token>` - GET shows "you are unsubscribed" (Russian
// or English by Accept-Language) with an undo button, POST is RFC 8058's one-click. A wrong token
// is the same bare 404 everywhere; every hit is rate-limited per address and per token in
// PostgreSQL like the portal. A click also sends the event `response` { kind: 'click',
// responseId } to the delivery's case when it still runs, straight through the case engine with
// the event's key (`mail-click:<delivery>`) so the case takes it once however often it is clicked:
// there is no person or integration key behind a click to check as a sender.
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.ts';
import { recordClick, recordOpen, resubscribe, runningCaseOf, unsubscribe } from '../../domain/mailing/tracking.ts';
import { hit, type PortalLimit } from '../../domain/portal/rate-limit.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { clientAddress } from '../auth/client-address.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { temporalEngine } from '../processes/temporal-engine.ts';

export const TRACKING_LIMITS = {
  perAddress: { name: 'mail-address', max: 600, windowSeconds: 60 },
  perToken: { name: 'mail-token', max: 60, windowSeconds: 60 },
} as const satisfies Record<string, PortalLimit>;

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const notFound = (c: Context<AppEnv>) => c.body(null, 404);

async function limited(c: Context<AppEnv>, token: string): Promise<Response | undefined> {
  try {
    await hit(c.var.em, TRACKING_LIMITS.perAddress, clientAddress(c));
    await hit(c.var.em, TRACKING_LIMITS.perToken, token);
    return undefined;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'rate_limited') {
      c.header('retry-after', String(err.retryAfterSeconds ?? 60));
      return c.body(null, 429);
    }
    throw err;
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const TEXTS = {
  ru: { title: 'Вы отписаны', body: (e: string) => `Адрес ${e} больше не будет получать наши рассылки.`, undo: 'Я передумал — вернуть подписку', backTitle: 'Подписка возвращена', back: (e: string) => `Адрес ${e} снова будет получать наши рассылки.`, again: 'Отписаться' },
  en: { title: 'You are unsubscribed', body: (e: string) => `${e} will no longer receive our mailings.`, undo: 'Changed my mind — subscribe again', backTitle: 'You are subscribed again', back: (e: string) => `${e} will receive our mailings again.`, again: 'Unsubscribe' },
};

function page(c: Context<AppEnv>, title: string, body: string, action: { path: string; label: string }): Response {
  const lang = langOf(c);
  c.header('cache-control', 'no-store');
  c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  return c.html(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>` +
      `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1b1e}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #868e96;background:#fff;cursor:pointer}</style></head>` +
      `<body><main><h1>${escape(title)}</h1><p>${escape(body)}</p><form method="post" action="${escape(action.path)}"><button type="submit">${escape(action.label)}</button></form></main></body></html>`,
  );
}

function langOf(c: Context<AppEnv>): 'ru' | 'en' {
  const q = c.req.query('lang');
  if (q === 'en' || q === 'ru') return q;
  const accept = c.req.header('accept-language') ?? '';
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ru';
}

export function mailTrackingApi(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('em', deps.orm.em.fork());
    await next();
  });
  app.get('/c/:ref', async (c) => {
    const ref = c.req.param('ref');
    const stop = await limited(c, ref.slice(0, ref.lastIndexOf('-') > 0 ? ref.lastIndexOf('-') : undefined));
    if (stop) return stop;
    const click = await recordClick(c.var.em, ref);
    if (!click) return notFound(c);
    if (click.processId) {
      try {
        const workflowId = await runningCaseOf(c.var.em, click.processId);
        if (workflowId) {
          await temporalEngine(deps.temporal, deps.taskQueue).signal(workflowId, {
            name: 'response',
            key: `mail-click:${click.deliveryId}`,
            payload: { kind: 'click', response_id: click.responseId },
            receivedAt: new Date().toISOString(),
          });
        }
      } catch (err) {
        // The click is recorded and the reader goes on to the page; the case misses this event.
        console.error('[crm] a mail click could not be sent to its case:', err);
      }
    }
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(click.target, 302);
  });
  app.get('/o/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.gif')) return notFound(c);
    const token = file.slice(0, -4);
    const stop = await limited(c, token);
    if (stop) return stop;
    if (!(await recordOpen(c.var.em, token))) return notFound(c);
    c.header('cache-control', 'no-store, private');
    return c.body(GIF, 200, { 'content-type': 'image/gif' });
  });
  app.get('/u/:token', async (c) => {
    const token = c.req.param('token');
    const stop = await limited(c, token);
    if (stop) return stop;
    const email = await unsubscribe(c.var.em, token);
    if (!email) return notFound(c);
    await recordAudit(c, { action: 'mail.unsubscribe', targetType: 'mail-address', actor: null, actorKind: 'anonymous', actorLabel: email, details: { via: 'link' } });
    const t = TEXTS[langOf(c)];
    return page(c, t.title, t.body(email), { path: `/m/u/${token}/undo?lang=${langOf(c)}`, label: t.undo });
  });
  // RFC 8058: the mail client posts "List-Unsubscribe=One-Click" without showing a page.
  app.post('/u/:token', async (c) => {
    const token = c.req.param('token');
    const stop = await limited(c, token);
    if (stop) return stop;
    const email = await unsubscribe(c.var.em, token);
    if (!email) return notFound(c);
    await recordAudit(c, { action: 'mail.unsubscribe', targetType: 'mail-address', actor: null, actorKind: 'anonymous', actorLabel: email, details: { via: 'one-click' } });
    return c.text('Unsubscribed', 200);
  });
  app.post('/u/:token/undo', async (c) => {
    const token = c.req.param('token');
    const stop = await limited(c, token);
    if (stop) return stop;
    const email = await resubscribe(c.var.em, token);
    if (!email) return notFound(c);
    await recordAudit(c, { action: 'mail.resubscribe', targetType: 'mail-address', actor: null, actorKind: 'anonymous', actorLabel: email });
    const t = TEXTS[langOf(c)];
    return page(c, t.backTitle, t.back(email), { path: `/m/u/${token}?lang=${langOf(c)}`, label: t.again });
  });
  return app;
}
