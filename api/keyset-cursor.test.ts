import { describe, expect, it } from 'vitest';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.ts';

const id = '6a1f9f5e-0000-4000-8000-000000000000';

describe('the keyset cursor of paged lists', () => {
  it('reads back what it handed out', () => {
    const at = '2026-11-24T10:00:00.000Z';
    expect(decodeKeysetCursor(encodeKeysetCursor({ at, id }))).toEqual({ at, id });
    expect(decodeKeysetCursor(encodeKeysetCursor({ at: null, id }), { nullAt: true })).toEqual({ at: null, id });
  });

  it('refuses a cursor it did not hand out, so a tampered page link is a 422 and not a wrong page', () => {
    expect(decodeKeysetCursor(encodeKeysetCursor({ at: null, id }))).toBeUndefined();
    expect(decodeKeysetCursor(encodeKeysetCursor({ at: 'yesterday', id }))).toBeUndefined();
    expect(decodeKeysetCursor(encodeKeysetCursor({ at: '2026-11-24T10:00:00Z', id: '1; drop table' }))).toBeUndefined();
    expect(decodeKeysetCursor('not base64 json')).toBeUndefined();
    expect(decodeKeysetCursor(Buffer.from('[1,2,3]').toString('base64url'))).toBeUndefined();
  });
});
