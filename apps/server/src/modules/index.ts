import type { ModuleDefinition } from './module';
import { accountsModule } from './accounts';
import { auditModule } from './audit/module';
import { adminModule } from './admin/module';
import { agentsModule } from './agents';
import { chatModule } from './chat';
import { escalationModule } from './escalation';
import { inboxModule } from './inbox';
import { knowledgeModule } from './knowledge';
import { leadsModule } from './leads';
import { openAiModule } from './openai';
import { providersModule } from './providers';
import { teamModule } from './team/module';
import { usageModule } from './usage';
import { tenantsModule } from './tenants/module';
import { widgetModule } from './widget';
import { feedbackModule } from './feedback';
import { evaluationsModule } from './evaluations';
import { webhooksModule } from './webhooks';
import { actionsModule } from './actions';
import { mcpServersModule } from './mcp-servers';
import { mcpModule } from './mcp';
import { channelsModule } from './channels';
import { analyticsModule } from './analytics';
import { plansModule } from './plans/module';
import { billingModule } from './billing/module';

/** The product's modules, in the order their routes mount (accounts first: it starts authentication). */
export const modules: readonly ModuleDefinition[] = [
  accountsModule,
  tenantsModule,
  plansModule,
  billingModule,
  teamModule,
  auditModule,
  adminModule,
  agentsModule,
  providersModule,
  knowledgeModule,
  escalationModule,
  chatModule,
  inboxModule,
  leadsModule,
  widgetModule,
  feedbackModule,
  evaluationsModule,
  usageModule,
  openAiModule,
  webhooksModule,
  actionsModule,
  mcpServersModule,
  mcpModule,
  channelsModule,
  analyticsModule,
];
