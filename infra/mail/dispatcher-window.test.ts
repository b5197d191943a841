// The window in which a killed dispatcher loses a message (see dispatcher.ts's header): between
// the write of the sent mark's COMMIT and the write of the message's final dot. Both must leave in
// one synchronous stretch of JavaScript - no microtask, no event-loop turn between them - or the
// window grows from microseconds to a round trip. Every socket write of this process is watched.
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../testing/stack.ts';
import { DEFAULT_DISPATCH, Pacer, dispatchDue } from './dispatcher.ts';

let s: TestStack;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  s = await startTestStack();
}, 60_000);
afterAll(async () => {
  await s?.close();
  await sink?.close();
});

const N = 300;
// node-postgres' simple-query message: 'Q', int32 length, the text, NUL.
const COMMIT = Buffer.concat([Buffer.from([0x51, 0, 0, 0, 11]), Buffer.from('commit\0')]);

it(`writes each message's final dot right after its sent mark's COMMIT, with no wait between (${N} messages)`, async () => {
  const em = s.orm.em.fork();
  const sendId = crypto.randomUUID();
  await em.execute(`insert into mail_send (id, key, name, template_id, started_at) values (?, 'window', 'main', ?, now())`, [sendId, crypto.randomUUID()]);
  await em.execute(
    `insert into mail_delivery (id, send_id, client_id, client_name, email, status, token, subject, html, text, links, next_attempt_at, queued_at)
     select gen_random_uuid(), ?, gen_random_uuid(), 'C ' || g, 'window-' || g || '@clients.example', 'queued', 'tok' || g,
            'Subject ' || g, '<p>Hello</p>', 'Hello', '[]'::jsonb, now(), now() from generate_series(1, ?) g`,
    [sendId, N],
  );
  let commitAt: bigint | undefined;
  let microtaskRan = false;
  let loopTurned = false;
  const gapsUs: number[] = [];
  let afterMicrotask = 0;
  let afterLoopTurn = 0;
  const write = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(net.Socket.prototype), 'write')!.value as (this: net.Socket, ...args: unknown[]) => boolean;
  net.Socket.prototype.write = function (this: net.Socket, ...args: unknown[]): boolean {
    const chunk = args[0];
    if (Buffer.isBuffer(chunk)) {
      if (chunk.equals(COMMIT)) {
        commitAt = process.hrtime.bigint();
        microtaskRan = false;
        loopTurned = false;
        queueMicrotask(() => (microtaskRan = true));
        setImmediate(() => (loopTurned = true));
      } else if (commitAt !== undefined && chunk.length <= 5 && chunk.toString('latin1').endsWith('.\r\n')) {
        gapsUs.push(Number(process.hrtime.bigint() - commitAt) / 1000);
        if (microtaskRan) afterMicrotask += 1;
        if (loopTurned) afterLoopTurn += 1;
        commitAt = undefined;
      }
    }
    return write.apply(this, args);
  };
  try {
    const counts = await dispatchDue(
      { em, target: { smtpUrl: sink.url, from: 'crm@leader.example', origin: 'https://crm.example.com' }, settings: { ...DEFAULT_DISPATCH, ratePerSecond: 0, batchSize: 100 }, owner: crypto.randomUUID() },
      new Pacer(0),
      Date.now() + 60_000,
    );
    expect(counts.sent).toBe(N);
  } finally {
    delete (net.Socket.prototype as { write?: unknown }).write;
  }
  expect(sink.received.filter((m) => m.to[0]?.startsWith('window-'))).toHaveLength(N);
  expect(gapsUs).toHaveLength(N);
  expect({ afterMicrotask, afterLoopTurn }).toEqual({ afterMicrotask: 0, afterLoopTurn: 0 });
  gapsUs.sort((a, b) => a - b);
  const at = (q: number) => gapsUs[Math.min(N - 1, Math.floor(q * N))]!.toFixed(0);
  console.log(`[mail window] COMMIT write -> dot write over ${N} messages: median ${at(0.5)} us, p99 ${at(0.99)} us, max ${at(1)} us`);
}, 90_000);
