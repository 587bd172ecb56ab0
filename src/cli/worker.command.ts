import type { CliCommand } from './command.ts';

export const workerCommand: CliCommand = {
  summary: 'run the background jobs (PostgreSQL; several processes may run at once)',
  async run() {
    const { startWorker } = await import('../server/worker.ts');
    return startWorker();
  },
};
