// INN and KPP as the tax service issues them, on real numbers and on one-digit typos of them.
import { describe, expect, it } from 'vitest';
import { isValidKpp, isValidLegalInn, isValidPersonalInn, requisiteProblems } from './requisites.ts';
import { isPlausiblePhone, phoneKey, phoneKeys, emailKey } from './contact-keys.ts';

describe('INN of an organisation (10 digits)', () => {
  it('accepts real ones', () => {
    // Sberbank, Yandex, Gazprom, Aeroflot.
    for (const inn of ['7707083893', '7736207543', '7736050003', '7712040126']) expect(isValidLegalInn(inn), inn).toBe(true);
  });
  it('refuses a mistyped check digit, a transposition, wrong lengths and non-digits', () => {
    for (const inn of ['7707083894', '7707083839', '770708389', '77070838930', '77070838 3', 'abcdefghij']) expect(isValidLegalInn(inn), inn).toBe(false);
  });
});

describe('INN of a person or a sole trader (12 digits)', () => {
  it('accepts real ones', () => {
    for (const inn of ['500100732259', '773400211252', '366316608106']) expect(isValidPersonalInn(inn), inn).toBe(true);
  });
  it('refuses either check digit mistyped', () => {
    for (const inn of ['500100732258', '500100732269', '50010073225', '7707083893']) expect(isValidPersonalInn(inn), inn).toBe(false);
  });
});

describe('KPP', () => {
  it('is NNNNXXNNN', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    for (const kpp of ['77360100', '7736010011', '7736ab001', 'A73601001', '77360100A']) expect(isValidKpp(kpp), kpp).toBe(false);
  });
});

/** The paths of the problems, or their messages. */
const said = (kind: Parameters<typeof requisiteProblems>[0], inn: string | null, kpp: string | null, messages = false) =>
  requisiteProblems(kind, inn, kpp).map((p) => (messages ? p.message : p.path));

describe('requisites of a client, by its kind', () => {
  it('takes a 10-digit INN with a KPP for an organisation and 12 digits for the others', () => {
    expect(requisiteProblems('legal', '7707083893', '773601001')).toEqual([]);
    expect(requisiteProblems('sole-trader', '500100732259', null)).toEqual([]);
    expect(requisiteProblems('person', '500100732259', null)).toEqual([]);
    expect(requisiteProblems('legal', null, null)).toEqual([]);
  });
  it('names the field and what is wrong', () => {
    expect(said('legal', '500100732259', null)).toEqual(['inn']);
    expect(said('legal', '500100732259', null, true)[0]).toContain('10 digits');
    expect(said('sole-trader', '7707083893', null)).toEqual(['inn']);
    expect(said('sole-trader', '7707083893', null, true)[0]).toContain('12 digits');
    expect(said('legal', '7707083894', null)).toEqual(['inn']);
    expect(said('legal', '7707083894', null, true)[0]).toContain('check digit');
    expect(said('person', '500100732258', null)).toEqual(['inn']);
    expect(said('person', '500100732258', null, true)[0]).toContain('check digits');
    expect(said('sole-trader', '500100732259', '773601001')).toEqual(['kpp']);
    expect(said('sole-trader', '500100732259', '773601001', true)[0]).toContain('only an organisation');
    expect(said('legal', '7707083893', '77360100')).toEqual(['kpp']);
    expect(said('legal', '7707083893', '77360100', true)[0]).toContain('9 characters');
    expect(said('legal', null, '773601001')).toEqual(['kpp']);
    expect(said('legal', null, '773601001', true)[0]).toContain('INN');
  });
});

describe('phone and e-mail keys', () => {
  it('folds the +7 and 8 prefixes and the formatting of one number into one key', () => {
    const forms = ['+7 (916) 123-45-67', '8 916 123 45 67', '89161234567', '9161234567', '7-916-123-45-67'];
    expect(new Set(forms.map(phoneKey))).toEqual(new Set(['79161234567']));
    expect(phoneKey('+49 30 1234567')).toBe('49301234567');
    expect(phoneKeys(['8 916 123 45 67', '+7 916 123-45-67', '12-34-56'])).toEqual(['79161234567', '123456']);
  });
  it('compares e-mails without case', () => {
    expect(emailKey(' Info@Holod.RU ')).toBe('info@holod.ru');
  });
  it('accepts what people type as a phone and refuses the rest', () => {
    for (const p of ['+7 (916) 123-45-67', '8.916.123.45.67', '12-34-56']) expect(isPlausiblePhone(p), p).toBe(true);
    for (const p of ['call me', '123', '+7 916 123 45 67 89 00 11', '916-CALL-NOW']) expect(isPlausiblePhone(p), p).toBe(false);
  });
});
