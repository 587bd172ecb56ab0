import { dispatchOutbox } from '../application/messaging/dispatch-outbox.ts';
import { listOutbox, readOutboxMessage } from '../application/messaging/read-outbox.ts';
import type { OutboxRecord } from '../application/ports/messaging-repository.ts';
import type { CliCommand } from './command.ts';
import { cliActor, withMessaging } from './messaging-context.ts';

const usage = 'usage: amiable outbox [list [--status S] [--limit N]] | show ID | send [--limit N]\n';

function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function line(row: OutboxRecord): string {
  const when = (row.sentAt ?? row.createdAt).toISOString().replace('T', ' ').slice(0, 16);
  const reasons = row.status === 'refused' && row.decision ? ` (${row.decision.reasons.map((r) => r.rule).join(', ')})` : row.lastError && row.status !== 'sent' ? ` (${row.lastError})` : '';
  return `${row.id}  ${when}  ${row.status.padEnd(8)} ${row.channel.padEnd(6)} ${row.template.padEnd(34)} ${row.recipient}${reasons}`;
}

/** `amiable outbox`: read the outbox (and what the built-in catcher kept), or send what is due now. */
export const outboxCommand: CliCommand = {
  summary: 'outbox [list | show ID | send]: read the outbox and the catcher, or send due SMS and e-mails',
  async run(args) {
    const [sub = 'list', ...rest] = args;
    return withMessaging(async (deps) => {
      switch (sub) {
        case 'list': {
          const status = flag(rest, '--status') as OutboxRecord['status'] | undefined;
          const { items, total } = await listOutbox(deps, cliActor, { limit: Number(flag(rest, '--limit') ?? 50), offset: 0, ...(status ? { status } : {}) });
          process.stdout.write(`${items.map(line).join('\n')}${items.length ? '\n' : ''}${items.length} of ${total} message(s)\n`);
          return 0;
        }
        case 'show': {
          const id = rest[0];
          if (!id) {
            process.stderr.write(usage);
            return 2;
          }
          const { message, caught } = await readOutboxMessage(deps, cliActor, id);
          process.stdout.write(`${line(message)}\n`);
          if (message.verificationCode) process.stdout.write(`verification code: ${message.verificationCode}\n`);
          if (message.letterReference) process.stdout.write(`letter reference: ${message.letterReference}\n`);
          if (message.decision) process.stdout.write(`decision: ${JSON.stringify(message.decision, null, 2)}\n`);
          if (caught) process.stdout.write(`\n--- kept by the catcher, ${caught.createdAt.toISOString()} ---\nTo: ${caught.recipient}\n${caught.subject ? `Subject: ${caught.subject}\n` : ''}\n${caught.textBody}\n`);
          return 0;
        }
        case 'send': {
          const report = await dispatchOutbox(deps, { limit: Number(flag(rest, '--limit') ?? 200) });
          for (const r of report.results) process.stdout.write(`${r.id}  ${r.outcome}${r.detail ? `  ${r.detail}` : ''}\n`);
          process.stdout.write(`${report.claimed} message(s) due\n`);
          return 0;
        }
        default:
          process.stderr.write(usage);
          return 2;
      }
    });
  },
};
