/**
 * The bot's dependency rule, checked by `npm test` (test/architecture.test.ts) and by
 * `npm run -s deps`. Imports run one way, from the top of this list to the bottom:
 *
 *   index  ->  adapter, app, server, guards, cli  ->  features  ->  shared  ->  store  ->  config, log
 *
 * A feature imports no other feature, the store imports nothing of the bot, and nothing
 * goes round in a circle. Tests and benchmarks may import anything; the bot imports neither.
 * docs/ARCHITECTURE.md explains the layers; `npm run -s architecture` redraws its diagram.
 */

/** The bottom layer: configuration and logging, which import nothing of the bot. */
const BASE = '^src/(config|log)(\\.ts$|/)';
const STORE = '^src/store/';
const SHARED = '^src/shared/';
const FEATURES = '^src/features/';
/** The edges: what wires the features to Teams, HTTP and the command line. */
const EDGES = '^src/(adapter|app|health|server)\\.ts$|^src/(guards|cli|telemetry)/';
const INDEX = '^src/index\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'base-imports-nothing-of-the-bot',
      comment: 'config and log sit under everything: they may import each other and libraries, nothing else of src/.',
      severity: 'error',
      from: { path: BASE },
      to: { path: '^src/', pathNot: BASE }
    },
    {
      name: 'store-imports-nothing-of-the-bot',
      comment: 'The store is a library the bot uses: it imports only itself and libraries. What it needs (a folder, a schema name) is passed in.',
      severity: 'error',
      from: { path: STORE },
      to: { path: '^src/', pathNot: STORE }
    },
    {
      name: 'shared-imports-no-feature-or-edge',
      comment: 'Shared pieces serve every feature, so they cannot depend on one; a piece two features need moves to src/shared/.',
      severity: 'error',
      from: { path: SHARED },
      to: { path: `${FEATURES}|${EDGES}|${INDEX}` }
    },
    {
      name: 'feature-imports-no-edge',
      comment: 'Features are wired by app.ts and the CLIs, never the other way round.',
      severity: 'error',
      from: { path: FEATURES },
      to: { path: `${EDGES}|${INDEX}` }
    },
    {
      name: 'feature-imports-no-other-feature',
      comment: 'Each feature stands alone: what two features share lives in src/shared/; a button that opens another feature names its verb from src/shared/verbs.ts.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: FEATURES, pathNot: '^src/features/$1/' }
    },
    {
      name: 'nothing-imports-index',
      comment: 'src/index.ts starts the bot; it is imported by nothing.',
      severity: 'error',
      from: {},
      to: { path: INDEX }
    },
    {
      name: 'bot-imports-no-tests',
      comment: 'Tests and benchmarks may import anything in src/; src/ imports neither.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' }
    },
    {
      name: 'no-circular',
      comment: 'A cycle means two modules are one thing, or a piece belongs lower down.',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'bot-imports-no-dev-dependency',
      comment: 'What the bot imports at run time must be in dependencies, not devDependencies (type-only imports are fine).',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types', 'typings']
    },
    reporterOptions: {
      text: { highlightFocused: true }
    }
  }
};
