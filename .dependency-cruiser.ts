// Which way dependencies may point (see the README's layout): domain is the core and imports
// nothing outward; workflow code is replayed, so it imports no Node built-in, no database and
// no side-effect layer; the API talks to workflows through Temporal, never to activities.
// `npm run deps` runs this and .dependency-cruiser.workflows.ts (what workflow code pulls in at
// run time: no Node built-in, no database); both are part of `npm test`.
// Test files are the harness, not the layers: they may reach anywhere (a domain test may read
// the demo data, a workflow test replays histories from disk).
import type { IConfiguration } from 'dependency-cruiser';
const config: IConfiguration = {
  forbidden: [
    {
      name: 'domain-imports-nothing-outward',
      comment: 'domain/ is pure business code: it may not import api/, activities/, workflows/, infra/ or web/. Pass what it needs as a parameter.',
      severity: 'error',
      from: { path: '^domain/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(api|activities|workflows|infra|web)/' },
    },
    {
      name: 'workflows-no-side-effect-layers',
      comment: 'Workflow code may not import api/ or infra/: they talk to the outside world.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(api|infra|web)/' },
    },
    {
      name: 'workflows-activities-by-type-only',
      comment: 'Workflows call activities through proxyActivities; they may import activities/ only with `import type`.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: '\\.test\\.ts$' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-no-database',
      comment: 'Workflows reach the database only through activities: no @mikro-orm, no entity module.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: '\\.test\\.ts$' },
      to: { path: ['(^|/)node_modules/@mikro-orm/', '^domain/.*entit(y|ies)'] },
    },
    {
      name: 'api-not-activities',
      comment: 'The API starts and signals workflows through Temporal; it does not import activities/. Share constants through domain/.',
      severity: 'error',
      from: { path: '^api/' },
      to: { path: '^activities/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.data|\\.tools|\\.test-data|web/vendor)/' },
    // `import type` counts here: domain may not even name an outward type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};

export default config;
