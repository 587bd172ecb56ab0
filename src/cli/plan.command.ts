/**
 * `amiable plan daily [--date YYYY-MM-DD] [--profile fr-amiable] [--batch-size 5000] [--workers 2] [--json]`: computes
 * the day's contact plan (docs/scale.md) into `daily_plan_entries`, replacing that date's plan if it
 * exists. Prints the counts (by channel, by refusing rule). Exit code 0 when done, 2 on bad usage.
 */
import { SqlDailyPlanStore } from '../adapters/db/daily-plan.repository.ts';
import { systemClock } from '../adapters/system.clock.ts';
import { computeDailyPlan, defaultPlanBatchSize, defaultPlanWorkers } from '../application/planning/compute-daily-plan.ts';
import { profileIds, type ProfileId } from '../domain/contact-policy/index.ts';
import { isCivilDate } from '../domain/time/index.ts';
import type { CliCommand } from './command.ts';
import { openConfiguredDatabase } from './configured-database.ts';

const usage = 'usage: amiable plan daily [--date YYYY-MM-DD] [--profile fr-amiable|fr-d223-9|us-regf] [--batch-size N] [--workers N] [--json]\n';

function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Today in mainland France, the agency's calendar day (each debtor's own local day is used inside). */
export function parisToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const planCommand: CliCommand = {
  summary: 'plan daily [--date D]: which open cases may be contacted that day, on which channel, by which team',
  async run(args) {
    const [sub, ...rest] = args;
    const date = flag(rest, '--date') ?? parisToday(systemClock.now());
    const profile = flag(rest, '--profile') ?? 'fr-amiable';
    const batchSize = Number(flag(rest, '--batch-size') ?? defaultPlanBatchSize);
    const workers = Number(flag(rest, '--workers') ?? defaultPlanWorkers);
    if (sub !== 'daily' || !isCivilDate(date) || !(profileIds as readonly string[]).includes(profile) || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000
      || !Number.isInteger(workers) || workers < 1 || workers > 16) {
      process.stderr.write(usage);
      return 2;
    }
    const json = rest.includes('--json');
    const database = await openConfiguredDatabase();
    try {
      const started = performance.now();
      const result = await computeDailyPlan({ store: new SqlDailyPlanStore(database), clock: systemClock }, {
        planDate: date, profile: profile as ProfileId, batchSize, workers,
        ...(json || !process.stderr.isTTY ? {} : { onBatch: (p) => process.stderr.write(`\r${p.casesSeen} cases, ${p.contactable} contactable`) }),
      });
      const seconds = (performance.now() - started) / 1000;
      if (!json && process.stderr.isTTY) process.stderr.write('\n');
      if (json) {
        process.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
      } else {
        process.stdout.write(`plan ${result.planDate} (${result.profile}): ${result.contactable} of ${result.casesSeen} open cases contactable in ${seconds.toFixed(1)} s\n`
          + `  by channel: ${JSON.stringify(result.channels)}\n  not today, by rule: ${JSON.stringify(result.refusedBy)}\n`
          + (result.errors ? `  unreadable situations (left out): ${result.errors}\n` : ''));
      }
      return 0;
    } finally {
      await database.close();
    }
  },
};
