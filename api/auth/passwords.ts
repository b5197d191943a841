// Password hashing with argon2id (@node-rs/argon2, prebuilt, no compiler needed).
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the e-mail is unknown, so timing does not reveal who has an account. */
export const DUMMY_HASH = await hashPassword('not-a-real-password');
