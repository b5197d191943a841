// The opaque cursor every keyset-paged list hands out: where the previous page ended, as the sort
// value (a timestamp, or null where the list sorts undated rows last) and the row's id.
export interface KeysetCursor<At extends string | null = string | null> {
  at: At;
  id: string;
}

export const encodeKeysetCursor = (c: KeysetCursor): string => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');

/** Undefined when the text is not a cursor this API handed out (or has a null time where none may be). */
export function decodeKeysetCursor(text: string, opts: { nullAt: true }): KeysetCursor | undefined;
export function decodeKeysetCursor(text: string, opts?: { nullAt: false }): KeysetCursor<string> | undefined;
export function decodeKeysetCursor(text: string, opts: { nullAt: boolean } = { nullAt: false }): KeysetCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [at, id] = value as unknown[];
    const validAt = (opts.nullAt && at === null) || (typeof at === 'string' && !Number.isNaN(Date.parse(at)));
    const validId = typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
    return validAt && validId ? { at, id } : undefined;
  } catch {
    return undefined;
  }
}
