import type { BenchSuite } from '../lib';
import { tenancySuite } from './tenancy';
import { retrievalSuite } from './retrieval';
import { chatOverheadSuite } from './chat-overhead';

/** Registered benchmarks, run in this order by `npm run bench`. */
export const suites: BenchSuite[] = [tenancySuite, retrievalSuite, chatOverheadSuite];
