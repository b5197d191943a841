// Everything the bench starts registers how to stop it here; the stops run last-first at the
// end of a run, after an error, or on the first Ctrl-C / SIGTERM (a second one exits at once).
export class Cleanup {
  private readonly aborter = new AbortController();
  /** Aborted on the first signal, so the bench stops sending work while things shut down. */
  readonly signal: AbortSignal = this.aborter.signal;
  private readonly stops: { name: string; stop: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  add(name: string, stop: () => Promise<void>): void {
    this.stops.push({ name, stop });
  }

  run(log: (msg: string) => void): Promise<void> {
    this.running ??= (async () => {
      for (const { name, stop } of this.stops.reverse()) {
        try {
          await stop();
        } catch (err) {
          log(`could not stop ${name} cleanly: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return this.running;
  }

  /** Stops everything on SIGINT/SIGTERM and exits with 130; a second signal exits at once. */
  onSignals(log: (msg: string) => void): void {
    let stopping = false;
    const handler = (signal: NodeJS.Signals): void => {
      if (stopping) process.exit(130);
      stopping = true;
      this.aborter.abort(new Error(`stopped by ${signal}`));
      log(`${signal}: stopping everything the bench started...`);
      void this.run(log).then(() => process.exit(130));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }
}
