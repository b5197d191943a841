// A route-interpreter worker in a process of its own, so a test can SIGKILL it mid-step the way a
// crashed machine would - something an in-process worker cannot show. It serves one test file's
// task queue with the run's prebuilt workflow bundle; everything comes from the environment:
//   TEMPORAL_ADDRESS, DATABASE_URL, TASK_QUEUE, WORKFLOW_BUNDLE_PATH, and optionally WAIT_FOR_GO, SMTP_URL
// It prints "running" once it polls; SIGTERM or SIGINT drain it (the SDK's own shutdown signals).
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../db/orm.ts';
import { createMailer } from '../mail/mailer.ts';
import { createWorker } from '../worker.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`worker-process: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const address = required('TEMPORAL_ADDRESS');
const databaseUrl = required('DATABASE_URL');
const taskQueue = required('TASK_QUEUE');
const codePath = required('WORKFLOW_BUNDLE_PATH');

const connection = await NativeConnection.connect({ address });
const orm = await openDatabase(databaseUrl, { poolMax: 5 });
// No SMTP unless SMTP_URL is given (the campaign mail kill test): notification e-mail stays in the
// outbox, as in the in-process test worker.
const worker = await createWorker({ connection, namespace: 'default', taskQueue, orm, mailer: createMailer({ smtpUrl: process.env.SMTP_URL }), workflowBundle: { codePath } });
// A test may start replacements ahead (starting one takes seconds on a busy machine) and hold
// them until the worker they replace is killed: with WAIT_FOR_GO set, polling begins at "go".
if (process.env.WAIT_FOR_GO) {
  console.log('ready');
  // A test that ended without letting it go closes the pipe: nothing left to do then.
  process.stdin.once('end', () => process.exit(0));
  await new Promise<void>((resolve) => process.stdin.on('data', (d: Buffer) => d.toString().includes('go') && resolve()));
  process.stdin.pause();
}
const running = worker.run();
console.log('running');
try {
  await running;
} finally {
  await connection.close();
  await orm.close();
}
