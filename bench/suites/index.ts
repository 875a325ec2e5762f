import type { BenchSuite } from '../lib';
import { tenancySuite } from './tenancy';
import { retrievalSuite } from './retrieval';
import { retrievalQualitySuite } from './retrieval-quality';
import { ingestionSuite } from './ingestion';
import { hostileIngestionSuite } from './hostile-ingestion';
import { widgetSuite } from './widget';
import { dashboardSuite } from './dashboard';
import { fanoutSuite } from './fanout';
import { chatOverheadSuite } from './chat-overhead';
import { webhooksSuite } from './webhooks';
import { embeddingSuite } from './embedding';
import { apiReadsSuite } from './api-reads';
import { idleSuite } from './idle';
import { channelsSuite } from './channels';
import { limitsSuite } from './limits';

/** Registered benchmarks, run in this order by `npm run bench`. */
export const suites: BenchSuite[] = [
  tenancySuite,
  retrievalSuite,
  retrievalQualitySuite,
  embeddingSuite,
  ingestionSuite,
  hostileIngestionSuite,
  chatOverheadSuite,
  limitsSuite,
  widgetSuite,
  dashboardSuite,
  fanoutSuite,
  webhooksSuite,
  apiReadsSuite,
  idleSuite,
  channelsSuite,
];
