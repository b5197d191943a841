// The keys phones and e-mails are compared by, so one number typed as "+7 (916) 123-45-67",
// "8 916 123 45 67" or "9161234567" is found as the same, and so is an e-mail in another case.

/** Digits only; a Russian number's 8 or +7 prefix (or none, for 10 digits) folds into 7. */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) return `7${digits.slice(1)}`;
  if (digits.length === 10) return `7${digits}`;
  return digits;
}

export const emailKey = (email: string): string => email.trim().toLowerCase();

/** Distinct keys of several phones, in the order given. */
export const phoneKeys = (phones: readonly string[]): string[] => [...new Set(phones.map(phoneKey).filter((k) => k !== ''))];

/** Phone characters people type: digits, spaces, +, -, parentheses and dots, with 5 to 15 digits. */
export function isPlausiblePhone(phone: string): boolean {
  if (!/^[\d\s+\-().]+$/.test(phone)) return false;
  const n = phone.replace(/\D/g, '').length;
  return n >= 5 && n <= 15;
}
