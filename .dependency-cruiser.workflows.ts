// What workflow code pulls in at run time, followed through every module it imports: the
// workflow bundle must hold no Node built-in and nothing that reaches the database. A domain
// module that imports an entity, @mikro-orm or node:crypto is fine for activities and the API,
// but a workflow that imports it (directly or through another module) fails here.
// Type-only imports are left out (tsPreCompilationDeps: false): they vanish before the code
// runs, so `import type { Activities }` from activities/ does not drag the database in.
import type { IConfiguration } from 'dependency-cruiser';
import { builtinModules } from 'node:module';

// Every built-in of the Node that runs the check (the project's Node 24), with and without the
// `node:` prefix, and their subpaths (fs/promises). Reachability rules match module names, not
// dependency types, so the list is spelled out here rather than left to the `core` type.
const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const bare = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))];
const nodeBuiltin = `^(node:)?(${bare.map(escape).join('|')})$`;

const config: IConfiguration = {
  forbidden: [
    {
      name: 'workflows-reach-no-node-builtin',
      comment: 'Workflow code runs in a deterministic sandbox: no module it imports at run time may use a Node built-in. Use an activity.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: '\\.test\\.ts$' },
      to: { path: nodeBuiltin, reachable: true },
    },
    {
      name: 'workflows-reach-no-database',
      comment: 'No module a workflow imports at run time may reach @mikro-orm, an entity, activities/, api/ or infra/: only pure domain code.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: '\\.test\\.ts$' },
      to: { path: ['(^|/)node_modules/@mikro-orm/', '^domain/.*entit(y|ies)', '^(activities|api|infra|web)/'], reachable: true },
    },
  ],
  options: {
    // A package's own imports are its business (@temporalio/workflow is made for the sandbox),
    // so node_modules is recorded but not followed.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.data|\\.tools|\\.test-data|web/vendor)/' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};

export default config;
