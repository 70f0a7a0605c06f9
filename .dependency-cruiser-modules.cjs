// Module-level cycles (npm run lint:layout): the folders under src/modules as one graph, where a
// module depends on another when any of its files imports one of the other's. Only src/modules is
// followed, so shared tools and views (which other rules govern) cannot close a cycle here.
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-cycle',
      severity: 'error',
      comment: 'Modules depend on each other in one direction only (see the map in docs/architecture.md).',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+$' },
      to: { path: '^src/modules/[^/]+$', circular: true },
    },
  ],
  options: {
    ...base.options,
    doNotFollow: { path: ['node_modules', '^(?!src/modules/)'] },
  },
};
