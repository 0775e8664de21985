/**
 * The one-way layering of README.md (开发), checked by `npm test` (`npm run lint:layers`):
 *
 *   puppet events → src/bot → src/router → src/commands → src/services → Prisma
 *   src/schedule → src/services (never holding the client);  src/texts: the words both commands and the schedule send;
 *   src/parsing: pure.
 *
 * Every rule is an error: fix a violation by moving the code, not by loosening the rule.
 */

/** Whatever reaches the database's client: the generated Prisma client and src/db. */
const DATABASE = '^src/(generated/prisma[^/]*|db)/'
/** What names the client itself: src/db and the generated client, but not the type-only model files. */
const DATABASE_CLIENT = '^src/(db/|generated/prisma[^/]*/(client|browser)\\.ts$|generated/prisma[^/]*/internal/)'

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
        'src/parsing turns text and a clock into typed results (reading the field tables of src/domain) and nothing else: no database, no ' +
        'chat, no config, so every parser is tested by value and runs the same in commands, replay and tests.',
      severity: 'error',
      from: { path: '^src/parsing/' },
      to: { path: '^src/', pathNot: '^src/(parsing|domain)/' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'src/domain holds what a record kind is (its field table: labels, value types, names, ledger ' +
        'columns) as data: it may use the pure parsers and nothing with I/O, so the parser, the texts, ' +
        'the ledger and the console all read the same rows.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/(parsing|domain)/' },
    },
    {
      name: 'services-below-callers',
      comment:
        'Services are the layer under commands and the schedule: they must not know who calls them ' +
        '(router, commands, schedule), nor the bot, the CLI or the export files, or a change in a caller ' +
        'ripples down and the same rule ends up in two places.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(router|commands|schedule|bot|cli|export|sim|records)/' },
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
        'Commands and the texts they send reach the database through src/services only, so a query, its ' +
        'transaction and its tests are in one place. Type-only imports of the generated models are fine.',
      severity: 'error',
      from: { path: '^src/(commands|texts)/' },
      to: { path: DATABASE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'schedule-holds-no-database-client',
      comment:
        'The schedule is handed ScheduleServices (src/schedule/services.ts): its reads bound in src/services, no client. ' +
        'An import rule alone would not see `services.db.room.findMany`, so src/schedule may not even name a type that ' +
        'carries the client: not src/db, not the generated PrismaClient (the model types in models.ts are fine), not the ' +
        "router's AppServices. Then `services.db` does not compile there, and every query stays in services.",
      severity: 'error',
      from: { path: '^src/schedule/' },
      to: { path: [DATABASE_CLIENT, '^src/router/'] },
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
      to: { path: '^src/(router|commands|schedule|bot|cli|sim|db|records)/' },
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
