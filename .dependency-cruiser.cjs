/**
 * The arrows of STYLE.md: the domain imports nothing of the world; the
 * service layer never imports a chat platform or the job queue. Issue 12:
 * what the bot says (src/messages: the catalogue, the translator, the
 * notification documents) is chat-neutral, rendered by every adapter and
 * imported by none of the layers below them; each chat adapter keeps to its
 * own room.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds rules, money and dates: no database, chat, jobs, files or network',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        path: [
          '^src/(db|service|slack|dingtalk|messages|jobs|cli|config|calendar)/',
          'node_modules/(drizzle-orm|postgres|@electric-sql|pg-boss|@slack)/',
          '^(node:)?(fs|net|http|https|child_process|worker_threads)$',
        ],
      },
    },
    {
      name: 'service-knows-no-chat-platform',
      comment: 'use cases speak through ports (Notifier, JobScheduler); Slack, DingTalk, their words and pg-boss stay outside',
      severity: 'error',
      from: { path: '^src/service/' },
      to: { path: ['^src/(slack|dingtalk|messages|jobs|cli)/', 'node_modules/(@slack|pg-boss|ws)/'] },
    },
    {
      name: 'messages-are-chat-neutral',
      comment: 'src/messages says what the bot says once for every chat (issue 12): it reads the domain, never an adapter, the database or the service',
      severity: 'error',
      from: { path: '^src/messages/' },
      to: {
        path: [
          '^src/(slack|dingtalk|db|service|jobs|cli|sandbox|config)/',
          'node_modules/(@slack|drizzle-orm|postgres|@electric-sql|pg-boss)/',
          '^(node:)?(fs|net|http|https|child_process|worker_threads)$',
        ],
      },
    },
    {
      name: 'chat-adapters-keep-to-their-room',
      comment: 'Slack and DingTalk share words through src/messages, never each other (issue 12)',
      severity: 'error',
      from: { path: '^src/(slack|dingtalk)/' },
      to: { path: '^src/(slack|dingtalk)/', pathNot: '^src/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
