/**
 * The arrows of STYLE.md: the domain imports nothing of the world; the
 * service layer never imports a chat platform or the job queue.
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
          '^src/(db|service|slack|dingtalk|jobs|cli|config|calendar)/',
          'node_modules/(drizzle-orm|postgres|@electric-sql|pg-boss|@slack)/',
          '^(node:)?(fs|net|http|https|child_process|worker_threads)$',
        ],
      },
    },
    {
      name: 'service-knows-no-chat-platform',
      comment: 'use cases speak through ports (Notifier, JobScheduler); Slack and pg-boss stay outside',
      severity: 'error',
      from: { path: '^src/service/' },
      to: { path: ['^src/(slack|dingtalk|jobs|cli)/', 'node_modules/(@slack|pg-boss|ws)/'] },
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
