// A bad environment stops start-up with the variable's name and what was expected.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './temporal.config.ts';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporal).toMatchObject({ address: undefined, namespace: 'default', taskQueue: 'crm-routes' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.embeddedPostgres.dataDir).toMatch(/\.data\/postgres$/);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'localhost' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'localhost' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT="abc": expected a port number from 1 to 65535');
      expect(message).toContain('DATABASE_URL="mysql://x"');
      expect(message).toContain('TEMPORAL_ADDRESS="localhost": expected host:port');
    }
  });

  it('links admins to the Temporal Web UI: the one configured, else the embedded dev server\'s, none for an external cluster without one', () => {
    expect(loadConfig({}).temporal.uiUrl).toBe('http://127.0.0.1:8233');
    expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233' }).temporal.uiUrl).toBeUndefined();
    expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_UI_URL: 'https://temporal.example.com' }).temporal.uiUrl).toBe('https://temporal.example.com');
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'temporal.example.com' })).toThrow(/TEMPORAL_UI_URL="temporal.example.com": expected the Temporal Web UI/);
  });

  it('requires TLS certificate and key together', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: '/tmp/c.pem' })).toThrow(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY/);
  });

  it('takes an external cluster', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/crm', TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'crm-prod' });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/crm');
    expect(config.temporal).toMatchObject({ address: 'temporal.internal:7233', namespace: 'crm-prod' });
  });

  it('reads the sign-in and cookie settings, safe for a local http start by default', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ cookieSecure: false, trustProxy: false, publicOrigin: undefined, loginLimits: { maxFailsPerAccount: 5, maxFailsPerAddress: 100, blockSeconds: 60, maxBlockSeconds: 3600 } });
    const behindProxy = loadConfig({ COOKIE_SECURE: 'true', TRUST_PROXY: 'true', PUBLIC_ORIGIN: 'https://crm.example.com/', LOGIN_BLOCK_SECONDS: '1' });
    expect(behindProxy).toMatchObject({ cookieSecure: true, trustProxy: true, publicOrigin: 'https://crm.example.com', loginLimits: { blockSeconds: 1 } });
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'crm.example.com' })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });
});
