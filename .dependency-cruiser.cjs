// Layer rules (DESIGN.md §2): domain ← application ← adapters ← server/cli. Any import against
// the arrow, and any I/O package in the pure core, fails `npm run lint`.
/**
 * Packages the pure core may use: pure computation only, no I/O. `ibantools` (IBAN/BIC checksums)
 * validates the payment account inside the EPC QR payload builder (domain/letters), which must refuse an
 * invalid account before any letter is printed.
 */
const pureDomainPackages = ['date-holidays', 'libphonenumber-js', 'ibantools'];

module.exports = {
  forbidden: [
    { name: 'domain-is-innermost', severity: 'error',
      from: { path: '^src/domain' }, to: { path: '^src/(application|adapters|server|cli)' } },
    { name: 'application-inside-adapters', severity: 'error',
      from: { path: '^src/application' }, to: { path: '^src/(adapters|server|cli)' } },
    { name: 'adapters-inside-composition', severity: 'error',
      from: { path: '^src/adapters' }, to: { path: '^src/(server|cli)' } },
    { name: 'server-does-not-import-cli', severity: 'error',
      from: { path: '^src/server' }, to: { path: '^src/cli' } },
    { name: 'domain-no-node-core', severity: 'error',
      comment: 'The pure core does no I/O: no node: modules.',
      from: { path: '^src/domain' }, to: { dependencyTypes: ['core'] } },
    { name: 'domain-only-pure-packages', severity: 'error',
      comment: 'The pure core may use only the packages listed in pureDomainPackages.',
      from: { path: '^src/domain', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
            pathNot: `^node_modules/(${pureDomainPackages.join('|')})/` } },
    { name: 'application-no-io-packages', severity: 'error',
      comment: 'Use cases reach I/O only through ports.',
      from: { path: '^src/application' },
      to: { path: '^node_modules/(pg|pg-boss|drizzle-orm|@electric-sql|fastify|@fastify|nodemailer|pino)/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
