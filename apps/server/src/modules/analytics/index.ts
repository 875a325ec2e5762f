export { analyticsModule } from './module';
export { rebuildAnalytics } from './rebuild';
export { refreshConversation } from './jobs';
export { readSummary } from './read-summary';
export { readTimeseries } from './read-timeseries';
export { readHandoffs, readQuestions } from './read-breakdowns';
