import { Type } from 'typebox';
import { AppError } from '../../application/errors.ts';
import { remindInstalments } from '../../application/jobs/remind-instalments.ts';
import { civilDateInParis } from '../../application/messaging/render-message.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import { agencyTimeZone, jobActor, type RegisteredJob } from './job-context.ts';

const name = 'plans.instalment-reminders';

export const instalmentRemindersJob: RegisteredJob = {
  definition: {
    name, version: 1,
    payload: Type.Object({ day: Type.Optional(Type.String({ format: 'date' })), daysAhead: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })) }, { additionalProperties: false }),
    idempotencyKey: (p) => `instalment-reminders:${(p as { day?: string }).day ?? 'scheduled'}`,
    retry: { limit: 5, delaySeconds: 60, backoff: true },
    expireInSeconds: 2 * 3600,
    schedule: { cron: '0 9 * * *', timeZone: agencyTimeZone, payload: {} },
    description: 'Queues one e-mail before each plan instalment falling due in the next 3 days (the schedule as agreed); the outbox asks the '
      + 'compliance engine before sending. Idempotent: outbox key instalment-reminder:<plan>:<number>, one message per instalment whatever the runs.',
  },
  handler: (ctx) => async (payload) => {
    const { day, daysAhead } = payload as { day?: string; daysAhead?: number };
    try {
      const report = await remindInstalments({ ...ctx.messaging, scans: ctx.scans }, jobActor(name), {
        today: (day ?? civilDateInParis(ctx.messaging.clock.now())) as CivilDate, ...(daysAhead !== undefined ? { daysAhead } : {}),
      });
      ctx.log.info({ job: name, considered: report.considered, queued: report.queued, skipped: report.skipped }, 'instalment reminders queued');
      return { considered: report.considered, queued: report.queued, alreadyQueued: report.alreadyQueued, skipped: report.skipped };
    } catch (error) {
      if (error instanceof AppError && error.code === 'agency_profile_incomplete') {
        ctx.log.warn({ job: name }, error.message);
        return { queued: 0, skipped: error.message };
      }
      throw error;
    }
  },
};
