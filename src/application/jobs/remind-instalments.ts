/**
 * Reminders before plan instalments: every instalment of an active plan falling due within the next
 * `daysAhead` days gets one message in the outbox (e-mail, the plan's schedule as agreed), under the
 * idempotency key `instalment-reminder:<plan>:<number>`, so running the job again (retry, second worker,
 * next day) never queues a second one for the same instalment. Nothing is sent here: the outbox
 * dispatcher asks the compliance engine (decideContact: hours, frequency, suspensions, written-only
 * requests…) before anything leaves, and stores its decision.
 */
import { cents } from '../../domain/money/index.ts';
import { addDays, type CivilDate } from '../../domain/time/index.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { enqueueMessage } from '../messaging/enqueue-message.ts';
import type { MessagingDeps } from '../messaging/messaging-deps.ts';
import type { InstalmentCursor, JobScanRepository } from '../ports/job-scans.ts';

export interface RemindInstalmentsReport {
  readonly considered: number;
  readonly queued: number;
  /** Already queued by an earlier run: the idempotency key returned the existing message. */
  readonly alreadyQueued: number;
  readonly skipped: readonly { readonly planId: string; readonly number: number; readonly reason: string }[];
}

/** A week's notice is what most plans' debtors need to move money; 3 days keeps it close to the date. */
export const DEFAULT_REMINDER_DAYS_AHEAD = 3;
const PAGE = 500;

export const instalmentReminderKey = (planId: string, number: number) => `instalment-reminder:${planId}:${number}`;

export async function remindInstalments(
  deps: Pick<MessagingDeps, 'uow' | 'clock' | 'codes' | 'agency'> & { readonly scans: JobScanRepository },
  actor: Actor,
  input: { readonly today: CivilDate; readonly daysAhead?: number },
): Promise<RemindInstalmentsReport> {
  const to = addDays(input.today, input.daysAhead ?? DEFAULT_REMINDER_DAYS_AHEAD);
  let cursor: InstalmentCursor | null = null;
  let considered = 0;
  let queued = 0;
  let alreadyQueued = 0;
  const skipped: { planId: string; number: number; reason: string }[] = [];
  for (;;) {
    const page = await deps.scans.instalmentsDueBetween(input.today, to, cursor, PAGE);
    for (const instalment of page) {
      considered++;
      try {
        const { created } = await enqueueMessage(deps, actor, {
          caseId: instalment.caseId, template: 'plan-confirmation', channel: 'email',
          idempotencyKey: instalmentReminderKey(instalment.planId, instalment.number),
          extras: { plan: { instalments: [{ dueDate: instalment.dueOn, amount: cents(instalment.amountCents) }] } },
        });
        if (created) queued++;
        else alreadyQueued++;
      } catch (error) {
        // No e-mail address, template refused…: reported, the other instalments go on.
        if (!(error instanceof AppError)) throw error;
        skipped.push({ planId: instalment.planId, number: instalment.number, reason: error.message });
      }
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    cursor = { planId: last.planId, number: last.number };
  }
  return { considered, queued, alreadyQueued, skipped };
}
