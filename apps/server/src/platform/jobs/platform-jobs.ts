import { z } from 'zod';
import { withPlatform } from '../tenancy/with-tenant';
import { defineJob } from './define';
import { sendMailJob } from '../mail';

/** Published outbox rows are kept a week for inspection, then removed. */
export const pruneOutbox = defineJob({
  name: 'platform.prune-outbox',
  data: z.object({ olderThanDays: z.number().int().min(1) }),
  schedule: { cron: '17 3 * * *', data: { olderThanDays: 7 } },
  async handler({ olderThanDays }) {
    await withPlatform((tx) =>
      tx.query(`DELETE FROM events_outbox WHERE published_at < now() - make_interval(days => $1)`, [olderThanDays]),
    );
  },
});

export const platformJobs = [pruneOutbox, sendMailJob];
