import { describe, expect, it } from 'vitest';
import { caseIds, deriveId, isValidIdempotencyKey, updateIdFor } from './derive-ids.ts';

describe('idempotency keys', () => {
  it('accepts 1-255 printable ASCII characters and nothing else', () => {
    expect(isValidIdempotencyKey('order-42 retry#1')).toBe(true);
    expect(isValidIdempotencyKey('x'.repeat(255))).toBe(true);
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('x'.repeat(256))).toBe(false);
    expect(isValidIdempotencyKey('ключ')).toBe(false);
    expect(isValidIdempotencyKey('a\tb')).toBe(false);
  });

  it('derives the same UUID v5 for the same actor, key and purpose, and another for any difference', () => {
    const id = deriveId('actor-1', 'key-1', 'process.start');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveId('actor-1', 'key-1', 'process.start')).toBe(id);
    const others = [deriveId('actor-2', 'key-1', 'process.start'), deriveId('actor-1', 'key-2', 'process.start'), deriveId('actor-1', 'key-1', 'process.cancel'), deriveId('actor-1k', 'ey-1', 'process.start')];
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it('gives a fresh update id per call without a key', () => {
    expect(updateIdFor('a', undefined, 'x')).not.toBe(updateIdFor('a', undefined, 'x'));
    expect(updateIdFor('a', 'k', 'x')).toBe(deriveId('a', 'k', 'x'));
  });

  it('draws the same sequence of case ids on every attempt with a key', () => {
    const [a, b] = [caseIds('a', 'k'), caseIds('a', 'k')];
    expect([a.processId, a.newId(), a.newId()]).toEqual([b.processId, b.newId(), b.newId()]);
    expect(new Set([a.processId, a.newId(), a.newId()]).size).toBe(3);
  });
});
