// Guessing passwords, as an attacker would: wrong passwords for one account from one address and
// from many, one address against many accounts, and a burst in parallel. Blocks are shortened to
// a second here (LOGIN_BLOCK_SECONDS) so a test can wait one out; the thresholds are the defaults
// for accounts (5) and small for addresses (8). Addresses come from X-Forwarded-For: the test
// stack trusts it, since app.request() has no socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ loginLimits: { maxFailsPerAccount: 5, maxFailsPerAddress: 8, blockSeconds: 1, maxBlockSeconds: 2 } });
});
afterAll(async () => s?.close());

interface Answer {
  status: number;
  retryAfter: string | null;
  detail: string | undefined;
}

async function signIn(email: string, password: string, from: string): Promise<Answer> {
  const res = await s.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { detail?: string };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), detail: body.detail };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sign-in limits', () => {
  it('blocks an account after 5 wrong passwords, the right one too, and lets it in once the block ends', async () => {
    const email = demoEmail('seller1');
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'guess', '10.1.0.1')).status).toBe(401);
    const blocked = await signIn(email, 'guess', '10.1.0.1');
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBe('1');
    // The right password during the block is refused the same way: a guess cannot be confirmed.
    const right = await signIn(email, DEMO_PASSWORD, '10.1.0.1');
    expect(right).toMatchObject({ status: 429, detail: blocked.detail });

    await sleep(1100);
    // One more failure after the block: the next block is twice as long.
    expect((await signIn(email, 'guess', '10.1.0.1')).status).toBe(401);
    const longer = await signIn(email, 'guess', '10.1.0.1');
    expect(longer).toMatchObject({ status: 429, retryAfter: '2' });

    await sleep(2100);
    expect((await signIn(email, DEMO_PASSWORD, '10.1.0.1')).status).toBe(200);
    // A success starts the account from zero: one wrong password is a plain 401 again, five are needed for a block.
    for (let i = 0; i < 4; i++) expect((await signIn(email, 'guess', '10.1.0.2')).status).toBe(401);
    expect((await signIn(email, DEMO_PASSWORD, '10.1.0.2')).status).toBe(200);
  });

  it('answers an unknown e-mail exactly as a known one: 401, then the same 429', async () => {
    const known = demoEmail('seller3');
    const unknown = 'nobody.here@leader.example';
    const knownAnswers: Answer[] = [];
    const unknownAnswers: Answer[] = [];
    for (let i = 0; i < 6; i++) {
      knownAnswers.push(await signIn(known, 'guess', '10.2.0.1'));
      unknownAnswers.push(await signIn(unknown, 'guess', '10.2.0.2'));
    }
    expect(knownAnswers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknownAnswers).toEqual(knownAnswers);
  });

  it('counts an account across addresses: a guess from a new address each time is still blocked', async () => {
    const email = demoEmail('engineer1');
    const answers: number[] = [];
    for (let i = 1; i <= 7; i++) answers.push((await signIn(email, 'guess', `10.3.0.${i}`)).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await signIn(email, DEMO_PASSWORD, '10.3.0.99')).status).toBe(429);
  });

  it('counts an address across accounts: one address guessing many e-mails is blocked, other addresses are not', async () => {
    const answers: number[] = [];
    for (let i = 1; i <= 10; i++) answers.push((await signIn(`user${i}@leader.example`, 'guess', '10.4.0.1')).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    // Even a right password from that address waits; the same person elsewhere gets in.
    expect((await signIn(demoEmail('engineer2'), DEMO_PASSWORD, '10.4.0.1')).status).toBe(429);
    expect((await signIn(demoEmail('engineer2'), DEMO_PASSWORD, '10.4.0.2')).status).toBe(200);
  });

  it('blocks an account after a parallel burst of guesses, and never refuses parallel sign-ins that succeed', async () => {
    const email = demoEmail('lawyer');
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(email, `guess-${i}`, `10.5.0.${i + 1}`)));
    expect(burst.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    const after = await signIn(email, DEMO_PASSWORD, '10.5.1.1');
    expect(after.status).toBe(429);

    // The same person signing in on many devices at once: only failures count.
    const devices = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(demoEmail('marketer'), DEMO_PASSWORD, `10.6.0.${i + 1}`)));
    expect(devices.map((a) => a.status)).toEqual(Array.from({ length: 12 }, () => 200));
  });

  it('keeps its counts in PostgreSQL, where every API process sees them', async () => {
    const rows = await s.em().execute<{ n: string }[]>(`select count(*)::text as n from login_limit where key like 'fail_account:%'`);
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });
});
