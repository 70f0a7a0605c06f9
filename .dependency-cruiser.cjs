// The layout rules of docs/architecture.md ("Layout rules"), checked in CI: npm run lint:layout
// Module-level cycles are checked by .dependency-cruiser-modules.cjs (a folder graph of src/modules alone).
// Modules are the folders under src/modules; a module's public entry is its index.ts.
// Test files, fixtures and test helpers may reach into a module (they test its insides).
const TESTS = ['\\.test\\.tsx?$', '\\.fixtures\\.tsx?$', '(^|/)test/'];
const SHARED = '^src/(http|db|files|search|calendar|i18n|content|mail|audit|auth|jobs|policy|identity|pdf)/';

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'module-internal-import',
      severity: 'error',
      comment:
        'A module is used by others only through its public entry (src/modules/<name>/index.ts). ' +
        'Export what you need from there, or move a shared tool out of the module.',
      from: { path: '^src/modules/([^/]+)/', pathNot: [...TESTS, '^src/modules/[^/]+/index\\.tsx?$'] },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.tsx?$'] },
    },
    {
      name: 'module-internal-import',
      severity: 'error',
      comment: 'Code outside the modules (src/app.tsx, shared tools, scripts) uses a module only through its index.ts.',
      from: { path: '^(src|scripts|seeds|migrations)/', pathNot: [...TESTS, '^src/modules/'] },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.tsx?$' },
    },
    {
      name: 'file-cycle',
      severity: 'error',
      comment: 'No import cycles between files.',
      from: { path: '^(src|views)/', pathNot: TESTS },
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'shared-imports-feature',
      severity: 'error',
      comment: 'Shared tools (src/http, src/db, src/files, src/search, …) import no feature module.',
      from: { path: SHARED, pathNot: TESTS },
      to: {
        path: '^(src/modules|views)/',
        // The page frame, error pages and shared components are the platform's own views.
        pathNot: ['^views/(layout|errors|components|auth)/', '^views/context\\.ts$'],
      },
    },
    {
      name: 'view-imports-db',
      severity: 'error',
      comment: 'Views render what they are given: no values from src/db (types are fine).',
      from: { path: '^views/' },
      to: { path: '^src/db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'view-calls-service',
      severity: 'error',
      comment:
        'Views call no service with side effects: no values from services, routes, jobs, mail, the blob store or the audit log.',
      from: { path: '^views/' },
      to: {
        path: ['^src/modules/.+/(service|[a-z-]*routes)\\.tsx?$', '^src/(jobs|mail|audit)/', '^src/files/blobs\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests and their fixtures are not part of the layout (they may reach into what they test).
    exclude: { path: ['^(node_modules|public/build|data)/', ...TESTS] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    skipAnalysisNotInRules: true,
  },
};
module.exports = config;
