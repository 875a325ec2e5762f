export { analyticsModule } from './module';
export { rebuildAnalytics } from './rebuild';
export { refreshConversation } from './jobs';
export { readSummary } from './read-summary';
export { readTimeseries } from './read-timeseries';
export { readHandoffs, readQuestions } from './read-breakdowns';
export { createReport, deleteReport, getReport, listReports, listReportSends, updateReport } from './manage-reports';
export { queueDueReports, sendReportNow } from './send-report';
export { unsubscribeToken } from './report-unsubscribe';
