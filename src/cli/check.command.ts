import type { CliCommand } from './command.ts';

// Placeholder replaced by the rule engine's JSON Lines checkers (issue #3).
export const checkCommand: CliCommand = {
  summary: 'check contact | limitation: evaluate JSON Lines situations read on stdin',
  async run() {
    process.stderr.write('amiable check: not available yet\n');
    return 2;
  },
};
