import type { CliCommand } from './command.ts';

export const serveCommand: CliCommand = {
  summary: 'start the HTTP server (API and web)',
  async run() {
    const cluster = (await import('node:cluster')).default;
    if (cluster.isPrimary) {
      const { loadConfigOrExplain } = await import('../server/config.ts');
      const config = loadConfigOrExplain();
      if (!config) return 1;
      if (config.apiProcesses > 1) {
        // This process only supervises the API processes (src/server/api-cluster.ts).
        const { runApiCluster } = await import('../server/api-cluster.ts');
        const { pino } = await import('pino');
        const { loggerOptions } = await import('../adapters/http/logger.ts');
        return runApiCluster(config.apiProcesses, pino(loggerOptions(config.logLevel, false)));
      }
    }
    const { startServer } = await import('../server/start.ts');
    return startServer();
  },
};
