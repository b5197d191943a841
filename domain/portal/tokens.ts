// The portal's tokens: 32 random bytes, base64url, stored only as their SHA-256. The follow link's
// access token is derived from the confirmation token (a hash of it under its own label), so a
// second confirmation answers the same link without the token ever being stored; whoever holds
// the confirmation token could follow the complaint anyway.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

export const accessTokenFor = (confirmToken: string): string => createHash('sha256').update(`portal-access:${confirmToken}`).digest('base64url');
