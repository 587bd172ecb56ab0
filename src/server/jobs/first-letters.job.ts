import { Type } from 'typebox';
import { AppError } from '../../application/errors.ts';
import { enqueueFirstLetters } from '../../application/messaging/enqueue-first-letters.ts';
import { agencyTimeZone, jobActor, type RegisteredJob } from './job-context.ts';

const name = 'notices.first-letters';

export const firstLettersJob: RegisteredJob = {
  definition: {
    name, version: 1,
    payload: Type.Object({ day: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
    idempotencyKey: (p) => `first-letters:${(p as { day?: string }).day ?? 'scheduled'}`,
    retry: { limit: 5, delaySeconds: 60, backoff: true },
    expireInSeconds: 2 * 3600,
    schedule: { cron: '0 6 * * 1-6', timeZone: agencyTimeZone, payload: {} },
    description: 'Daily notice batch: queues the R124-4 first letter of every new case (notice_pending, no notice sent) for the print batch. '
      + 'Idempotent: each letter has the outbox idempotency key first-letter:<case>, so a second run finds it queued and adds nothing.',
  },
  handler: (ctx) => async () => {
    try {
      const report = await enqueueFirstLetters(ctx.messaging, jobActor(name));
      ctx.log.info({ job: name, queued: report.queued, refused: report.refused.length }, 'first letters queued');
      return report;
    } catch (error) {
      // Production without a complete agency profile sends nothing: not a failure to retry, a setting to fix.
      if (error instanceof AppError && error.code === 'agency_profile_incomplete') {
        ctx.log.warn({ job: name }, error.message);
        return { queued: 0, skipped: error.message };
      }
      throw error;
    }
  },
};
