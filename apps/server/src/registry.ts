import type { EventReaction } from './platform/events/reactions';
import type { JobDefinition } from './platform/jobs/define';
import type { OrphanRecovery } from './platform/processes';
import { platformJobs } from './platform/jobs/platform-jobs';
import { migrations } from './migrations';
import { modules } from './modules';

export { migrations };

/** Every job of the platform and the modules, registered with the queue at start. */
// A job may react to several events (one fan-out per event type): registered once.
export const allJobs: readonly JobDefinition<any>[] = [
  ...new Set([
    ...platformJobs,
    ...modules.flatMap((m) => [...(m.jobs ?? []), ...(m.reactions ?? []).flatMap((r) => (r.job ? [r.job] : []))]),
  ]),
];

/** What each module recovers when a server process dies (see platform/processes). */
export const allOrphanRecoveries: readonly OrphanRecovery[] = modules.flatMap((m) =>
  m.recoverOrphans ? [m.recoverOrphans] : [],
);

/** Jobs enqueued with the events they react to (see platform/events/reactions). */
export const allReactions: readonly EventReaction[] = modules.flatMap((m) => m.reactions ?? []);

import type { IsolationFixture } from './platform/tenancy/isolation-fixture';
import { eventFixtures } from './platform/events/fixtures';

export const allIsolationFixtures: readonly IsolationFixture[] = [
  ...eventFixtures,
  ...modules.flatMap((m) => m.isolationFixtures ?? []),
];
