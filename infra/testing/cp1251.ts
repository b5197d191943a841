// The bytes of a text in Windows-1251, as Russian Excel saves a CSV: for the import tests. Covers
// ASCII, the Cyrillic alphabet with Ё/ё and «»; anything else is a mistake in the test's data.
export function cp1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out[i] = code;
    else if (code >= 0x410 && code <= 0x44f) out[i] = code - 0x410 + 0xc0;
    else if (code === 0x401) out[i] = 0xa8;
    else if (code === 0x451) out[i] = 0xb8;
    else if (code === 0xab || code === 0xbb) out[i] = code;
    else throw new Error(`no Windows-1251 byte for ${text[i]}`);
  }
  return out;
}
