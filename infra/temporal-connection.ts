// Connection options for a Temporal cluster or Temporal Cloud: address and namespace, mTLS
// certificates or an API key, all from temporal.config.ts. The client fails fast when the
// frontend is out of reach, so the API can answer 503 within two seconds instead of waiting out
// the SDK's default retries (about 20 s).
import { readFileSync } from 'node:fs';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../temporal.config.ts';

type TemporalConfig = AppConfig['temporal'];
type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];

const GRPC_UNAVAILABLE = 14;
const WORKFLOW_SERVICE = '/temporal.api.workflowservice.v1.WorkflowService/';
/**
 * Calls that answer at once when the server is healthy. Updates and result polls are left out on
 * purpose: they legitimately wait for the workflow, and a deadline would cut off an update that
 * may still be applied.
 */
const SHORT_CALLS = new Set(['StartWorkflowExecution', 'SignalWorkflowExecution', 'SignalWithStartWorkflowExecution', 'QueryWorkflow', 'GetSystemInfo', 'DescribeNamespace', 'DescribeWorkflowExecution', 'TerminateWorkflowExecution']);

/** Gives short calls without a deadline of their own one `timeoutMs` from now. */
function defaultDeadline(timeoutMs: number): Interceptor {
  return (options, nextCall) => {
    const path = options.method_definition.path;
    const short = path.startsWith(WORKFLOW_SERVICE) && SHORT_CALLS.has(path.slice(WORKFLOW_SERVICE.length));
    const unset = options.deadline === undefined || options.deadline === Infinity;
    // grpc-js hands out InterceptingCall objects but types nextCall's result as their interface.
    return nextCall(short && unset ? { ...options, deadline: Date.now() + timeoutMs } : options) as ReturnType<Interceptor>;
  };
}

/**
 * The SDK's retry policy (which backs off on RESOURCE_EXHAUSTED and friends as before), except
 * that UNAVAILABLE - nothing listening, connection refused - is retried only for about `budgetMs`.
 */
function failFastRetry(budgetMs: number): Interceptor {
  const base = defaultGrpcRetryOptions();
  const factor = 1.7;
  let attempts = 1;
  // The default delay before retry n is 100 ms * 1.7^n (+-20 % jitter); count how many fit.
  for (let spent = 0; spent + 100 * factor ** attempts * 1.2 <= budgetMs; attempts++) spent += 100 * factor ** attempts;
  return makeGrpcRetryInterceptor({
    delayFunction: base.delayFunction,
    retryableDecider: (attempt, status) => base.retryableDecider(attempt, status) && (Number(status.code) !== GRPC_UNAVAILABLE || attempt < attempts),
  });
}

function connectionOptions(cfg: TemporalConfig, address: string) {
  const tls = cfg.tls
    ? {
        clientCertPair: { crt: readFileSync(cfg.tls.cert), key: readFileSync(cfg.tls.key) },
        ...(cfg.tls.ca ? { serverRootCACertificate: readFileSync(cfg.tls.ca) } : {}),
      }
    : cfg.apiKey
      ? true
      : undefined;
  return { address, ...(tls ? { tls } : {}), ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}) };
}

/** Client connection options with the fail-fast behaviour; exported for tests that build their own. */
export function clientConnectionOptions(cfg: Pick<TemporalConfig, 'tls' | 'apiKey' | 'rpcTimeoutMs'>, address: string): ConnectionOptions {
  return {
    ...connectionOptions(cfg as TemporalConfig, address),
    interceptors: [defaultDeadline(cfg.rpcTimeoutMs), failFastRetry(cfg.rpcTimeoutMs * 0.7)],
  };
}

export async function connectClient(cfg: TemporalConfig, address: string): Promise<Client> {
  const connection = await Connection.connect(clientConnectionOptions(cfg, address));
  return new Client({ connection, namespace: cfg.namespace });
}

/**
 * A client that connects on first use: the API process starts (and answers /api/health, and 503
 * for what needs Temporal) even while the cluster is down, and catches up once it is back.
 */
export function lazyClient(cfg: Pick<TemporalConfig, 'tls' | 'apiKey' | 'rpcTimeoutMs' | 'namespace'>, address: string): Client {
  return new Client({ connection: Connection.lazy(clientConnectionOptions(cfg, address)), namespace: cfg.namespace });
}

export function connectWorker(cfg: TemporalConfig, address: string): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(cfg, address));
}
