import { joinRouters } from '../../platform/http/router';
import type { ModuleDefinition } from '../module';
import { idleSweepJob } from './idle-sweep';
import { analyticsReactions, refreshJob } from './jobs';
import { reportRoutes } from './report-routes';
import { analyticsRoutes } from './routes';
import { reportsDueJob, reportSendJob } from './send-report';
import { unsubscribePageRoutes } from './unsubscribe-page';

const newFacts = `INSERT INTO analytics_conversations (tenant_id, conversation_id, agent_id, channel, day, started_at)
                  VALUES ($1, 'conv_' || substr(md5(random()::text), 1, 26), 'agt_fixture', 'api', current_date, now())`;
const newDay = `INSERT INTO analytics_daily (tenant_id, day, agent_id, channel, conversations)
                VALUES ($1, current_date, 'agt_' || substr(md5(random()::text), 1, 26), 'api', 1)`;
const newReport = `INSERT INTO analytics_reports (tenant_id, id, name, frequency, metrics, recipients, enabled)
                   VALUES ($1, 'rpt_' || substr(md5(random()::text), 1, 26), 'Fixture', 'weekly', '{conversations}',
                           '{fixture@example.test}', false)`;
const newSend = `WITH r AS (
                   INSERT INTO analytics_reports (tenant_id, id, name, frequency, metrics, recipients, enabled)
                   VALUES ($1, 'rpt_' || substr(md5(random()::text), 1, 26), 'Fixture', 'daily', '{conversations}',
                           '{fixture@example.test}', false) RETURNING id)
                 INSERT INTO analytics_report_sends (tenant_id, id, report_id, period, trigger, range_from, range_to, status)
                 SELECT $1, 'rps_' || substr(md5(random()::text), 1, 26), r.id, 'fixture', 'manual', current_date, current_date, 'sent'
                   FROM r`;

/** Analytics: rollups kept by reactions to conversation events, the reports read from them, and reports by mail. */
export const analyticsModule: ModuleDefinition = {
  name: 'analytics',
  routes: () => joinRouters(analyticsRoutes(), reportRoutes(), unsubscribePageRoutes()),
  jobs: [refreshJob, idleSweepJob, reportsDueJob, reportSendJob],
  reactions: analyticsReactions,
  isolationFixtures: [
    { table: 'analytics_conversations', insert: ({ tenantId }) => ({ text: newFacts, values: [tenantId] }) },
    { table: 'analytics_daily', insert: ({ tenantId }) => ({ text: newDay, values: [tenantId] }) },
    { table: 'analytics_reports', insert: ({ tenantId }) => ({ text: newReport, values: [tenantId] }) },
    { table: 'analytics_report_sends', insert: ({ tenantId }) => ({ text: newSend, values: [tenantId] }) },
  ],
};
