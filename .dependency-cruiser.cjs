/**
 * The one-way layering of README.md (开发), checked by `npm test` (`npm run lint:layers`):
 *
 *   puppet events → src/bot → src/router → src/commands → src/services → Prisma
 *   src/schedule → src/services;  src/texts: the words both commands and the schedule send;
 *   src/parsing: pure.
 *
 * Every rule is an error: fix a violation by moving the code, not by loosening the rule.
 */

/** Whatever reaches the database's client: the generated Prisma client and src/db. */
const DATABASE = '^src/(generated/prisma[^/]*|db)/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'wechaty-only-in-bot',
      comment:
        'Only src/bot knows Wechaty (and src/sim, which simulates a puppet for the demo): everything ' +
        'else works with transport-neutral messages (src/chat), so a change of puppet or of chat ' +
        'network is one folder, and the rest is testable without a puppet.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(bot|sim)/' },
      to: { path: '(^|/)node_modules/(wechaty|wechaty-puppet[^/]*|file-box)/' },
    },
    {
      name: 'parsing-is-pure',
      comment:
        'src/parsing turns text and a clock into typed results and nothing else: no database, no ' +
        'chat, no config, so every parser is tested by value and runs the same in commands, replay and tests.',
      severity: 'error',
      from: { path: '^src/parsing/' },
      to: { path: '^src/', pathNot: '^src/parsing/' },
    },
    {
      name: 'services-below-callers',
      comment:
        'Services are the layer under commands and the schedule: they must not know who calls them ' +
        '(router, commands, schedule), nor the bot, the CLI or the export files, or a change in a caller ' +
        'ripples down and the same rule ends up in two places.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(router|commands|schedule|bot|cli|export|sim)/' },
    },
    {
      name: 'router-does-not-know-commands',
      comment:
        'Handlers are handed to the router (the Command interface lives in src/router); the router ' +
        'importing a command would tie the pipeline to one command set and make a cycle.',
      severity: 'error',
      from: { path: '^src/router/' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'database-only-through-services',
      comment:
        'Commands, the schedule and the texts they send reach the database through src/services only, so a query, its ' +
        'transaction and its tests are in one place. Type-only imports of the generated models are fine.',
      severity: 'error',
      from: { path: '^src/(commands|schedule|texts)/' },
      to: { path: DATABASE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'schedule-does-not-import-commands',
      comment:
        'The schedule calls the same services as the commands; a text or formatter both send lives ' +
        'in src/texts, so the schedule never depends on a chat handler.',
      severity: 'error',
      from: { path: '^src/schedule/' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'texts-are-leaves',
      comment:
        'src/texts holds the words commands and the schedule both send: it may read service types and ' +
        'parsing helpers but not its callers (router, commands, schedule, bot), or it is no longer shared.',
      severity: 'error',
      from: { path: '^src/texts/' },
      to: { path: '^src/(router|commands|schedule|bot|cli|sim|db)/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle means two modules are one change: no layer may depend on itself through another.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve would make every rule above silently pass.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // The generated Prisma client is a target of imports, not a module to check.
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
