// Connection options for a Temporal cluster or Temporal Cloud: address and namespace, mTLS
// certificates or an API key, all from temporal.config.ts.
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../temporal.config.ts';

type TemporalConfig = AppConfig['temporal'];

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

export async function connectClient(cfg: TemporalConfig, address: string): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(cfg, address));
  return new Client({ connection, namespace: cfg.namespace });
}

export function connectWorker(cfg: TemporalConfig, address: string): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(cfg, address));
}
