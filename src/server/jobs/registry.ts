/**
 * Every background job Amiable runs, one line each. Adding a job is one line here plus its module
 * (a `RegisteredJob`: definition + handler binding, see job-context.ts and docs/jobs.md). Each branch
 * adds its lines in its own block.
 */
import { firstLettersJob } from './first-letters.job.ts';
import { instalmentRemindersJob } from './instalment-reminders.job.ts';
import type { RegisteredJob } from './job-context.ts';
import { outboxSendJob } from './outbox-send.job.ts';
import { retentionPurgeJob } from './retention-purge.job.ts';
import { rightsDeadlinesJob } from './rights-deadlines.job.ts';
import { trackArrangementsJob } from './track-arrangements.job.ts';
// ── Creditor API, webhooks (issue #7 part B) ──
import { idempotencyPurgeJob, webhooksDispatchJob } from './webhooks.job.ts';

export const jobRegistry: readonly RegisteredJob[] = [
  // ── operations (issue #9) ──
  firstLettersJob,
  outboxSendJob,
  instalmentRemindersJob,
  trackArrangementsJob,
  retentionPurgeJob,
  rightsDeadlinesJob,
  // ── more jobs: one line each below ──
  // ── Creditor API, webhooks (issue #7 part B) ──
  webhooksDispatchJob,
  idempotencyPurgeJob,
];
