import { computeLimitationItem, decideContactItem, type ItemOutcome } from '../application/compliance/index.ts';
import { checkJsonLines } from './check-json-lines.ts';
import type { CliCommand } from './command.ts';

const checkers: Readonly<Record<string, (item: unknown) => ItemOutcome<unknown>>> = {
  contact: decideContactItem,
  limitation: computeLimitationItem,
};

const usage = `Usage: amiable check contact|limitation < input.jsonl > output.jsonl
  contact     one situation per line → one decision per line (allowed, reasons, nextAllowedAt…)
  limitation  one claim per line → one limitation result per line (expiresOn, status, basis…)
A line that cannot be checked gives {"id"?, "line", "error"}; the exit code is 0 once every line is read.
`;

/** `amiable check contact|limitation`: the rule engine over JSON Lines on stdin/stdout (issue #3). */
export const checkCommand: CliCommand = {
  summary: 'check contact | limitation: evaluate JSON Lines situations read on stdin',
  async run(args) {
    const [kind, ...extra] = args;
    const checkOne = kind === undefined ? undefined : checkers[kind];
    if (!checkOne || extra.length > 0) {
      process.stderr.write(usage);
      return kind === '--help' || kind === '-h' ? 0 : 2;
    }
    await checkJsonLines(process.stdin, process.stdout, checkOne);
    return 0;
  },
};
