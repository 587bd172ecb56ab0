/**
 * Retention purge of the operational data whose purpose has ended: back-office sessions a day after
 * they expired (nothing can resume them; CNIL: keep no longer than the purpose needs, GDPR Art. 5(1)(e)),
 * and messages the built-in catcher kept (a development and demo provider) after `catcherDays`.
 * Case data is not purged here: closed cases stay in the intermediate archive for the limitation period
 * of claims against the agency (LEGAL_RULES 7d), a rule that belongs with the GDPR requests.
 * Idempotent: a delete by age run twice deletes nothing the second time.
 */
import type { JobScanRepository } from '../ports/job-scans.ts';

export interface RetentionPolicy {
  /** Days after expiry before a session row is deleted. */
  readonly sessionGraceDays: number;
  readonly catcherDays: number;
}

export const defaultRetention: RetentionPolicy = { sessionGraceDays: 1, catcherDays: 90 };

const DAY_MS = 86_400_000;

export async function purgeRetention(
  deps: { readonly scans: JobScanRepository },
  input: { readonly at: Date; readonly policy?: RetentionPolicy },
): Promise<{ readonly sessions: number; readonly caughtMessages: number }> {
  const policy = input.policy ?? defaultRetention;
  const sessions = await deps.scans.purgeExpiredSessions(new Date(input.at.getTime() - policy.sessionGraceDays * DAY_MS));
  const caughtMessages = await deps.scans.purgeCaughtMessages(new Date(input.at.getTime() - policy.catcherDays * DAY_MS));
  return { sessions, caughtMessages };
}
