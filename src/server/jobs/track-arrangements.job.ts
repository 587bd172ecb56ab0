import { Type } from 'typebox';
import { trackOpenArrangements } from '../../application/jobs/track-open-arrangements.ts';
import { civilDateInParis } from '../../application/messaging/render-message.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import { agencyTimeZone, jobActor, type RegisteredJob } from './job-context.ts';

const name = 'arrangements.track';

export const trackArrangementsJob: RegisteredJob = {
  definition: {
    name, version: 1,
    payload: Type.Object({ day: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
    idempotencyKey: (p) => `track-arrangements:${(p as { day?: string }).day ?? 'scheduled'}`,
    retry: { limit: 5, delaySeconds: 60, backoff: true },
    expireInSeconds: 4 * 3600,
    schedule: { cron: '15 0 * * *', timeZone: agencyTimeZone, payload: {} },
    description: 'Promise and plan tracking: just after midnight (dates pass), every case with a pending promise, an active plan or a pending '
      + 'settlement is brought up to date (kept, broken, completed, case closed when paid), one transaction per case. '
      + 'Idempotent: trackCaseArrangements changes nothing on a second run with the same payments and date.',
  },
  handler: (ctx) => async (payload) => {
    const now = ctx.messaging.clock.now();
    const today = ((payload as { day?: string }).day ?? civilDateInParis(now)) as CivilDate;
    const report = await trackOpenArrangements({ uow: ctx.messaging.uow, scans: ctx.scans }, jobActor(name), { today, at: now });
    ctx.log.info({ job: name, ...report }, 'arrangements tracked');
    return report;
  },
};
