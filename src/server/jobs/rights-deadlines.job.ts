import { Type } from 'typebox';
import { alertRightsDeadlines } from '../../application/jobs/alert-rights-deadlines.ts';
import { civilDateInParis } from '../../application/messaging/render-message.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import { agencyTimeZone, type RegisteredJob } from './job-context.ts';

const name = 'gdpr.deadline-alerts';

export const rightsDeadlinesJob: RegisteredJob = {
  definition: {
    name, version: 1,
    payload: Type.Object({ day: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
    idempotencyKey: (p) => `gdpr-deadline-alerts:${(p as { day?: string }).day ?? 'scheduled'}`,
    retry: { limit: 5, delaySeconds: 60, backoff: true },
    expireInSeconds: 3600,
    schedule: { cron: '0 8 * * *', timeZone: agencyTimeZone, payload: {} },
    description: 'GDPR deadline alerts (Art. 12(3)): records `rights_request.deadline_alert` in the case history of every open request due within '
      + '7 days ("due-soon") or late ("overdue"), and logs a warning. Idempotent: one alert per request and stage, whatever the runs.',
  },
  handler: (ctx) => async (payload) => {
    const { day } = payload as { day?: string };
    const now = ctx.messaging.clock.now();
    const report = await alertRightsDeadlines({ scans: ctx.scans }, { today: (day ?? civilDateInParis(now)) as CivilDate, at: now });
    if (report.dueSoon + report.overdue > 0) ctx.log.warn({ job: name, ...report }, 'GDPR requests due within a week or late');
    return report;
  },
};
