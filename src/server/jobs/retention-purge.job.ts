import { Type } from 'typebox';
import { purgeRetention } from '../../application/jobs/purge-retention.ts';
import { agencyTimeZone, type RegisteredJob } from './job-context.ts';

const name = 'retention.purge';

export const retentionPurgeJob: RegisteredJob = {
  definition: {
    name, version: 1,
    payload: Type.Object({ day: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
    idempotencyKey: (p) => `retention-purge:${(p as { day?: string }).day ?? 'scheduled'}`,
    retry: { limit: 3, delaySeconds: 300, backoff: true },
    expireInSeconds: 3600,
    schedule: { cron: '30 3 * * *', timeZone: agencyTimeZone, payload: {} },
    description: 'Retention purge: deletes back-office sessions a day after they expired and messages kept by the built-in catcher after 90 days. '
      + 'Idempotent: a delete by age deletes nothing the second time.',
  },
  handler: (ctx) => async () => {
    const report = await purgeRetention({ scans: ctx.scans }, { at: ctx.messaging.clock.now() });
    ctx.log.info({ job: name, ...report }, 'retention purge done');
    return report;
  },
};
