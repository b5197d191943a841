// Secrets of integration keys: random, prefixed `crmk_` so a leaked one is recognisable (secret
// scanners, logs); only their SHA-256 is stored. Web Crypto, so the domain imports no Node built-in.
import { z } from 'zod';

export const KEY_PREFIX = 'crmk_';

const routeKey = /^[a-z][a-z0-9_-]{0,63}$/;
const eventScope = (s: string): boolean => {
  if (s === '*') return true;
  const [route, event, ...rest] = s.split('/');
  return rest.length === 0 && route !== undefined && routeKey.test(route) && event !== undefined && (event === '*' || routeKey.test(event));
};

/** What a key may do (see IntegrationScopes). */
export const integrationScopesSchema = z
  .object({
    events: z.array(z.string().refine(eventScope, 'must be "<route key>/<event>", "<route key>/*" or "*"')).max(100).default([]),
    cases: z.array(z.string().refine((s) => s === '*' || routeKey.test(s), 'must be a route key or "*"')).max(100).default([]),
  })
  .strict();

export async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return KEY_PREFIX + btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
