import type { CliCommand } from './command.ts';

export const serveCommand: CliCommand = {
  summary: 'start the HTTP server (API and web)',
  async run() {
    const { startServer } = await import('../server/start.ts');
    return startServer();
  },
};
