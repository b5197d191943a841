// What the designer offers for a `call` action and a `foreach` node: the operations and list
// sources the product has, each with its description and the arguments it takes (read from its
// zod schema), so a designer picks from what exists instead of typing names.
import { z } from 'zod';
import { LIST_SOURCES, type ListSource } from './list-sources.ts';
import { ROUTE_OPERATIONS, type RouteOperation } from './route-operations.ts';

export interface HookArg {
  name: string;
  required: boolean;
  /** The JSON type the argument takes ("string", "number"...), when it has one. */
  type: string | null;
  description: string | null;
}

export interface RouteHooks {
  operations: { name: string; description: string; args: HookArg[] }[];
  sources: { name: string; description: string; recordType: string | null; args: HookArg[] }[];
}

export function routeHooks(operations: ReadonlyMap<string, RouteOperation> = ROUTE_OPERATIONS, sources: ReadonlyMap<string, ListSource> = LIST_SOURCES): RouteHooks {
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return {
    operations: [...operations.values()].map((o) => ({ name: o.name, description: o.description, args: argsOf(o.args) })).sort(byName),
    sources: [...sources.values()].map((s) => ({ name: s.name, description: s.description, recordType: s.recordType ?? null, args: argsOf(s.args) })).sort(byName),
  };
}

function argsOf(schema: z.ZodType): HookArg[] {
  let json: { properties?: Record<string, { type?: unknown; description?: unknown }>; required?: string[] };
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as typeof json;
  } catch {
    return [];
  }
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    required: required.has(name),
    type: typeof p.type === 'string' ? p.type : null,
    description: typeof p.description === 'string' ? p.description : null,
  }));
}
