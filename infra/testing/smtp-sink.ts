// A real SMTP server for tests (the smtp-server package on a free loopback port): it accepts
// every message, or refuses recipients a test names, and keeps what arrived for assertions.
import { SMTPServer } from 'smtp-server';
import { freePort } from '../services/free-port.ts';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  raw: string;
  /** When the server took it (Date.now()). */
  at: number;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Recipients (e-mail addresses) the server answers with a permanent error. */
  refuse: Set<string>;
  close(): Promise<void>;
}

/** `port`: listen there (a server coming back up where a test pointed the mailer while it was down). */
export async function startSmtpSink(opts: { port?: number } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    // Plain SMTP on loopback, no login: the point is what the product sends, not TLS.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((a) => a.address), subject: headerOf(raw, 'subject'), raw, at: Date.now() });
        callback();
      });
    },
  });
  const port = opts.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One header, unfolded and with RFC 2047 encoded words (=?UTF-8?B?...?=) decoded. */
function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  const value = line?.slice(name.length + 1).trim() ?? '';
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not part of the text
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_h, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}
