// Pure rules of the Idempotency-Key header: which keys are acceptable, and the ids derived from a
// key. A request that is run again after its first attempt died half-way must pick the same case
// id and the same update id, so whatever that attempt already wrote is found, not duplicated.
// Synchronous (node:crypto), so the start use case can draw derived ids one by one; workflow code
// never imports this module.
import { createHash } from 'node:crypto';

/** 1-255 printable ASCII characters (space to tilde), as the header's definition asks. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

// A fixed namespace for this product's derived ids (itself a random v4 UUID).
const NAMESPACE = 'b3c5e0a4-51f6-4f0e-9d1a-6c2b7e8f9a10';

/**
 * A stable UUID (version 5, RFC 9562) for what one actor's key does for one purpose, e.g.
 * `deriveId(actorId, key, 'process.start')`. Different actors, keys or purposes give different ids.
 */
export function deriveId(actorId: string, key: string, purpose: string): string {
  const ns = Buffer.from(NAMESPACE.replaceAll('-', ''), 'hex');
  // Length-prefixed parts, so ("a", "bc") and ("ab", "c") cannot collide.
  const name = Buffer.from([actorId, key, purpose].map((s) => `${s.length}:${s}`).join('|'), 'utf8');
  const bytes = createHash('sha1').update(ns).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a Workflow Update: derived from the key when there is one, fresh otherwise. */
export function updateIdFor(actorId: string, key: string | undefined, purpose: string): string {
  return key === undefined ? crypto.randomUUID() : deriveId(actorId, key, purpose);
}

/**
 * Ids for starting a case: the case's own and a source for what it opens. With a key they are
 * derived (the n-th id drawn is the same on every attempt); without one they are random.
 */
export function caseIds(actorId: string, key: string | undefined): { processId: string; newId(): string } {
  if (key === undefined) return { processId: crypto.randomUUID(), newId: () => crypto.randomUUID() };
  let n = 0;
  return { processId: deriveId(actorId, key, 'process.start'), newId: () => deriveId(actorId, key, `process.start#${++n}`) };
}
