// The layers of itkontakt, top to bottom; an import may only point down (or sideways within a module):
//
//   src/main.ts, src/cli, src/server   the process entry, the commands, the HTTP routes (express)
//   src/app                            composition: config → stores, services, adapters
//   adapters/*   src/store             platforms (teams, slack, console); the core's repositories
//   src/bot                            conversation flows and their wording
//   core                               knowledge, contacts, tickets, notices, outbound, time, privacy, config, errors, log
//
// test/unit/architecture.test.ts runs these rules over src and adapters (and over a small broken
// fixture tree, to prove that they bite).

const CORE = '(knowledge|contacts|tickets|notices|outbound|time|privacy|config|errors|log)';
const core = `^src/${CORE}/`;
const bot = '^src/bot/';
const adapters = '^adapters/';
const store = '^src/store/';
const app = '^src/app/';
const server = '^src/server/';
const cli = '^src/(cli/|main\\.ts$)';

/** A rule that forbids `from` to import any of `above`. */
function noUpward(name, from, above, comment) {
  return { name, comment, severity: 'error', from: { path: from }, to: { path: above } };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A circle makes every module in it depend on all the others: cut it by moving the shared part down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    noUpward('core-not-upward', core, [bot, adapters, store, app, server, cli], 'The core (rules, services, repository interfaces) knows nothing of the bot, the platforms, the store or the composition.'),
    noUpward('bot-not-upward', bot, [adapters, store, app, server, cli], 'The bot takes Turns and returns Replies; platforms, stores and wiring sit above it.'),
    noUpward('adapters-not-upward', adapters, [store, app, server, cli], 'An adapter translates and renders; it is handed what it needs by src/app.'),
    noUpward('app-not-upward', app, [server, cli], 'src/app composes the parts; the HTTP routes and the commands use it, not the other way.'),
    noUpward('server-not-cli', server, [cli], 'The server is started by the CLI, never the other way.'),
    {
      name: 'adapters-independent',
      comment: 'One platform never reaches into another.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'store-only-from-app',
      comment: 'Only the composition picks a store; everything else sees the core repository interfaces.',
      severity: 'error',
      from: { pathNot: `${app}|${store}` },
      to: { path: store },
    },
    {
      name: 'store-imports-only-core',
      comment: 'The store implements the core repository interfaces and needs nothing else of ours.',
      severity: 'error',
      from: { path: store },
      to: { path: '^(src|adapters)/', pathNot: `${store}|${core}` },
    },
    {
      name: 'express-only-at-the-edge',
      comment: 'HTTP belongs to src/server, src/app and the adapters\' endpoint files; the core and the bot stay HTTP-free.',
      severity: 'error',
      from: { pathNot: `${server}|${app}|^adapters/[^/]+/[^/]*endpoint\\.ts$` },
      to: { path: '(^|/)node_modules/(@types/)?express(/|$)' },
    },
    {
      name: 'no-platform-sdk-below-adapters',
      comment: 'Teams and Slack SDKs are the adapters\' business.',
      severity: 'error',
      from: { path: `${core}|${bot}|${store}` },
      to: { path: '(^|/)node_modules/(botbuilder|botframework-|@microsoft/teams-ai|@slack/)' },
    },
    {
      name: 'through-the-index',
      comment: 'A folder is a module: other modules import its index.ts, never a file deep inside it.',
      severity: 'error',
      from: { path: '^(src|adapters)/([^/]+)/' },
      to: { path: '^(src|adapters)/[^/]+/', pathNot: ['^$1/$2/', '^(src|adapters)/[^/]+/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
