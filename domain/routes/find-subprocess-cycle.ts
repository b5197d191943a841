// Sub-process references must not go round: if route A runs B as a sub-process while B's latest
// version runs A, every case of A starts a B that starts an A... without end. A sub-process runs
// the latest published version of its route, so the cycle is looked for across the routes'
// latest versions, with the route being published in place of its own latest one.
// Pure: the caller loads which routes each latest version runs.

/** For each route key, the route keys its latest published version runs as sub-processes. */
export type SubprocessCalls = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The route keys a stored definition runs as sub-processes: none for a v0 list of steps. Reads
 * the JSON as stored, without parsing the whole definition.
 */
export function subprocessRoutes(definition: unknown): Set<string> {
  if (typeof definition !== 'object' || definition === null) return new Set();
  const { language, nodes } = definition as { language?: unknown; nodes?: unknown };
  if (language !== 'route/v1' || !Array.isArray(nodes)) return new Set();
  const keys = nodes.flatMap((n: unknown) => {
    const node = n as { kind?: unknown; route?: unknown } | null;
    // A foreach runs its body route as child cases just as a sub-process does.
    return (node?.kind === 'subprocess' || node?.kind === 'foreach') && typeof node.route === 'string' ? [node.route] : [];
  });
  return new Set(keys);
}

/**
 * When the route `ownKey` runs `called` as a sub-process: the shortest chain of sub-process
 * references by which `called` leads back to `ownKey`, as `[ownKey, called, ..., ownKey]`, or
 * undefined when it does not. `calls` need not hold `ownKey`'s own entry: the walk stops there.
 * A route calling itself (`called === ownKey`) is its own one-step cycle.
 */
export function findSubprocessCycle(ownKey: string, called: string, calls: SubprocessCalls): string[] | undefined {
  // Breadth first, remembering where each key was reached from, so the chain is the shortest.
  const cameFrom = new Map<string, string | undefined>([[called, undefined]]);
  const queue = [called];
  while (queue.length) {
    const key = queue.shift();
    if (key === undefined) break;
    if (key === ownKey) return [ownKey, ...chainTo(key, cameFrom)];
    for (const next of calls.get(key) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, key);
      queue.push(next);
    }
  }
  return undefined;
}

function chainTo(key: string, cameFrom: ReadonlyMap<string, string | undefined>): string[] {
  const chain: string[] = [];
  for (let at: string | undefined = key; at !== undefined; at = cameFrom.get(at)) chain.unshift(at);
  return chain;
}
