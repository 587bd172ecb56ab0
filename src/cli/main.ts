/**
 * `amiable <command>`: one entry point, one small module per command, loaded only when used so
 * that `amiable check contact` never opens a database.
 */
import type { CliCommand } from './command.ts';

type CommandLoader = () => Promise<CliCommand>;

const commands: Record<string, CommandLoader> = {
  serve: async () => (await import('./serve.command.ts')).serveCommand,
  check: async () => (await import('./check.command.ts')).checkCommand,
  audit: async () => (await import('./audit.command.ts')).auditCommand,
  import: async () => (await import('./import.command.ts')).importCommand,
  'api-key': async () => (await import('./api-key.command.ts')).apiKeyCommand,
  outbox: async () => (await import('./outbox.command.ts')).outboxCommand,
  letters: async () => (await import('./letters.command.ts')).lettersCommand,
  // ── payments (issue #7) ──
  bank: async () => (await import('./bank.command.ts')).bankCommand,
  // ── operations (issue #9) ──
  worker: async () => (await import('./worker.command.ts')).workerCommand,
  // ── Creditor API, webhooks (issue #7 part B) ──
  webhooks: async () => (await import('./webhooks.command.ts')).webhooksCommand,
  // ── scale (issue #9) ──
  plan: async () => (await import('./plan.command.ts')).planCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(await usage());
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`amiable: unknown command "${name}"\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

async function usage(): Promise<string> {
  const lines = ['Usage: amiable <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  }
  return `${lines.join('\n')}\n`;
}
