import type { Migration } from '../platform/db/migrate';
import { m0001 } from './0001_foundation';
import { m0002 } from './0002_accounts';
import { m0003 } from './0003_agents_chat';
import { m0004 } from './0004_knowledge';
import { m0005 } from './0005_leads';
import { m0006 } from './0006_lead_notes';
import { m0007 } from './0007_usage';
import { m0010 } from './0010_widget';
import { m0011 } from './0011_inbox';
import { m0012 } from './0012_ingest_guard';
import { m0017 } from './0017_answer_owners';
import { m0018 } from './0018_source_language';
import { m0019 } from './0019_conversation_defaults';
import { m0020 } from './0020_waiting_visitors';
import { m0021 } from './0021_feedback_evaluations';
import { m0022 } from './0022_min_relevance';
import { m0023 } from './0023_webhooks';
import { m0024 } from './0024_actions';
import { m0025 } from './0025_mcp';
import { m0026 } from './0026_channels';
import { m0027 } from './0027_analytics';
import { m0028 } from './0028_plans';
import { m0029 } from './0029_billing';
import { m0030 } from './0030_social_channels';
import { m0031 } from './0031_channel_media';
import { m0032 } from './0032_analytics_reports';
import { m0033 } from './0033_plan_limits';

/** Every migration, in order. Never edit one that has shipped: add the next. */
export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0010,
  m0011,
  m0012,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
  m0028,
  m0029,
  m0030,
  m0031,
  m0032,
  m0033,
];
